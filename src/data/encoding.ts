import { AssayError } from '../lib/errors.ts';
import { dialectFix } from './dialect.ts';
import type { Dialect } from './schema.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');

/**
 * A CSV file's text from its bytes: UTF-8 (a byte-order mark dropped), UTF-16 little- or
 * big-endian by its byte-order mark, or Windows-1252 when declared. Anything else is refused
 * with the fix rather than read with replacement characters: a mangled "São Paulo" would not
 * match a declared value or a note's `where`, and would print as nonsense.
 */
export function decodeCsv(
  bytes: Uint8Array,
  dialect: Dialect | undefined,
  file: string,
  yml: string,
  options: { historic?: boolean } = {},
): string {
  const declared = dialect?.encoding;
  const bom = byteOrderMark(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    if (declared === 'windows-1252') {
      throw new AssayError(`the file is UTF-16 (it starts with a byte-order mark), but ${yml} declares windows-1252`, {
        file,
        hint: `remove 'encoding: windows-1252' from the dialect in ${yml}`,
      });
    }
    return new TextDecoder(bom).decode(bytes);
  }
  if (declared === 'windows-1252') {
    if (bom === 'utf-8' || isUtf8WithNonAscii(bytes)) {
      throw new AssayError(`the file is UTF-8, but ${yml} declares windows-1252, which would misread its accents`, {
        file,
        hint: `remove 'encoding: windows-1252' from the dialect in ${yml}`,
      });
    }
    return windows1252.decode(bytes);
  }
  // Text never holds NUL; UTF-16 without its mark has one in every other byte of plain text.
  if (bytes.includes(0)) {
    throw new AssayError('the file contains NUL bytes: it looks like UTF-16 saved without a byte-order mark', {
      file,
      hint: 'export it again as "CSV UTF-8" (or UTF-16 with a byte-order mark)',
    });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const error = notUtf8(bytes, file, dialectFix(dialect, { encoding: 'windows-1252' }, yml));
    if (!options.historic) throw error;
    // Builds before this check read it with replacement characters; an earlier version still does.
    console.warn(`warning: ${error.message.split('\n')[0]} (an earlier version's data, read as before)`);
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function byteOrderMark(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function isUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (bytes.every((byte) => byte < 0x80)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Where the first byte that is not UTF-8 sits, and what it reads as in Windows-1252. */
function notUtf8(bytes: Uint8Array, file: string, fix: string): AssayError {
  const offset = firstInvalidUtf8(bytes);
  // Everything before the offset is valid UTF-8, so columns count its characters, not bytes.
  const before = utf8.decode(bytes.subarray(0, offset));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const char = windows1252.decode(bytes.subarray(offset, offset + 1));
  const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new AssayError(
    `the file is not UTF-8: byte 0x${hex} ('${char}' in Windows-1252) is not valid UTF-8; it looks like a Windows-1252 (Excel "CSV") export`,
    {
      file,
      line,
      column,
      hint: `export it again as "CSV UTF-8", or ${fix}`,
    },
  );
}

/** Offset of the first byte that starts or continues an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length === 0) return i;
    if (length > 1) {
      try {
        utf8.decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return i;
}
