import { z } from 'astro/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../src/events/time.ts';
import {
  calendarDate,
  parseCalendarDate,
  parseCalendarMonth,
  readCalendarDate,
  strictUtcParse,
} from '../../src/lib/calendar-date.ts';
import { editionDate } from '../../src/lib/dates.ts';
import { readVersionFrontmatter } from '../../src/versions/frontmatter.ts';

const iso = (date: Date | undefined) => date?.toISOString();

describe('parseCalendarDate', () => {
  it('reads YYYY-MM-DD as UTC midnight of that day', () => {
    expect(iso(parseCalendarDate('2025-06-20').date)).toBe('2025-06-20T00:00:00.000Z');
    expect(iso(parseCalendarDate('2025-12-31').date)).toBe('2025-12-31T00:00:00.000Z');
    expect(iso(parseCalendarDate('0099-01-01').date)).toBe('0099-01-01T00:00:00.000Z');
  });

  it('refuses a day past the end of the month instead of rolling over', () => {
    expect(parseCalendarDate('2025-06-31')).toEqual({
      problem: "'2025-06-31' is not a real date (June 2025 has 30 days); expected YYYY-MM-DD",
    });
    expect(parseCalendarDate('2025-09-31').problem).toMatch(/September 2025 has 30 days/);
    expect(parseCalendarDate('2025-01-32').problem).toMatch(/January 2025 has 31 days/);
    expect(parseCalendarDate('2025-06-00').problem).toMatch(/there is no day 0/);
  });

  it('refuses month 13 and month 0', () => {
    expect(parseCalendarDate('2025-13-45').problem).toBe(
      "'2025-13-45' is not a real date (there is no month 13); expected YYYY-MM-DD",
    );
    expect(parseCalendarDate('2025-00-10').problem).toMatch(/there is no month 0/);
  });

  it('knows leap years: 29 February only in a leap year (century rule included)', () => {
    expect(parseCalendarDate('2025-02-29').problem).toBe(
      "'2025-02-29' is not a real date (February 2025 has 28 days; 2025 is not a leap year); expected YYYY-MM-DD",
    );
    expect(parseCalendarDate('2025-02-30').problem).toMatch(/February 2025 has 28 days/);
    expect(iso(parseCalendarDate('2024-02-29').date)).toBe('2024-02-29T00:00:00.000Z');
    expect(iso(parseCalendarDate('2000-02-29').date)).toBe('2000-02-29T00:00:00.000Z');
    expect(parseCalendarDate('1900-02-29').problem).toMatch(/1900 is not a leap year/);
    expect(parseCalendarDate('2024-02-30').problem).toMatch(/February 2024 has 29 days; 2024 is a leap year/);
  });

  it('refuses other forms, naming the form expected', () => {
    for (const text of ['2025-6-3', '20 June 2025', '2025/06/20', '2025-06-20T10:00', '2025-06-20T00:00:00Z', '']) {
      expect(parseCalendarDate(text).problem).toBe(`'${text}' is not a date in the form YYYY-MM-DD, e.g. 2025-06-20`);
    }
  });

  describe('in another time zone', () => {
    const zone = process.env.TZ;
    afterEach(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it('still gives UTC midnight, so no reader sees the day before', () => {
      process.env.TZ = 'America/New_York';
      // The zone really changed: local midnight of 20 June 2025 is 04:00 UTC in New York.
      expect(new Date(2025, 5, 20).getTimezoneOffset()).toBe(240);
      const date = parseCalendarDate('2025-06-20').date as Date;
      expect(date.toISOString()).toBe('2025-06-20T00:00:00.000Z');
      expect(date.getUTCDate()).toBe(20);
      expect(strictUtcParse('%Y-%m-%d')('2025-06-20')?.toISOString()).toBe('2025-06-20T00:00:00.000Z');
      expect(readVersionFrontmatter('---\npublished: 2025-06-20\n---\n')?.published?.toISOString()).toBe(
        '2025-06-20T00:00:00.000Z',
      );
    });
  });
});

describe('parseCalendarMonth', () => {
  it('reads YYYY-MM as the first of the month, UTC', () => {
    expect(iso(parseCalendarMonth('2025-06').date)).toBe('2025-06-01T00:00:00.000Z');
  });

  it('is what edition months are read with', () => {
    expect(iso(editionDate('2025-06'))).toBe('2025-06-01T00:00:00.000Z');
    expect(editionDate('2025-13').getTime()).toBeNaN();
  });

  it('refuses month 13 and other forms', () => {
    expect(parseCalendarMonth('2025-13').problem).toBe(
      "'2025-13' is not a real month (there is no month 13); expected YYYY-MM",
    );
    expect(parseCalendarMonth('2025-6').problem).toBe("'2025-6' is not a month in the form YYYY-MM, e.g. 2025-06");
  });
});

describe('events share the calendar rule', () => {
  it('refuses 2025-09-31 as a date or with a time', () => {
    expect(parseLocalDateTime('2025-09-31')).toBeUndefined();
    expect(parseLocalDateTime('2025-09-31T18:00')).toBeUndefined();
    expect(parseLocalDateTime('2025-09-30T18:00')).toMatchObject({ year: 2025, month: 9, day: 30, hour: 18 });
  });
});

describe('calendarDate (zod)', () => {
  const schema = z.object({ published: calendarDate('needs the first publication date as YYYY-MM-DD') }).strict();

  it('parses text strictly into UTC midnight', () => {
    expect(iso(schema.parse({ published: '2025-06-20' }).published)).toBe('2025-06-20T00:00:00.000Z');
  });

  it('refuses a rolled-over text with the reason and the form', () => {
    const result = schema.safeParse({ published: '2025-06-31' });
    expect(result.error?.issues).toMatchObject([
      {
        code: 'custom',
        path: ['published'],
        message: "'2025-06-31' is not a real date (June 2025 has 30 days); expected YYYY-MM-DD",
      },
    ]);
  });

  it('says what is needed when the field is missing or not a date', () => {
    for (const input of [{}, { published: 20250620 }, { published: null }]) {
      expect(schema.safeParse(input).error?.issues).toMatchObject([
        {
          code: 'invalid_type',
          expected: 'date',
          path: ['published'],
          message: 'needs the first publication date as YYYY-MM-DD',
        },
      ]);
    }
  });

  it('keeps a Date js-yaml made (the content check reads the raw text)', () => {
    const date = new Date('2025-06-20T00:00:00Z');
    expect(schema.parse({ published: date }).published).toBe(date);
    expect(schema.safeParse({ published: new Date('nonsense') }).success).toBe(false);
  });
});

describe('readCalendarDate (history)', () => {
  it('reads what the strict parser reads and gives undefined for the rest, never throwing', () => {
    expect(iso(readCalendarDate('2025-06-20'))).toBe('2025-06-20T00:00:00.000Z');
    expect(readCalendarDate('2025-06-31')).toBeUndefined();
    expect(readCalendarDate('2025-13-45')).toBeUndefined();
    expect(readCalendarDate(1750377600000)).toBeUndefined();
    expect(readCalendarDate(undefined)).toBeUndefined();
  });

  it('is what the versions reader uses: a rolled-over date in history is undated, not 1 July', () => {
    const read = readVersionFrontmatter(
      '---\npublished: 2025-06-31\nupdates:\n  - date: 2025-02-29\n    summary: x\n  - date: 2025-07-04\n    summary: y\n---\n',
    );
    expect(read?.published).toBeUndefined();
    expect(read?.updates.map((entry) => iso(entry.date))).toEqual([undefined, '2025-07-04T00:00:00.000Z']);
  });
});

describe('strictUtcParse (CSV cells)', () => {
  it('parses cells in the declared pattern at UTC midnight', () => {
    expect(strictUtcParse('%Y-%m-%d')('2025-06-20')?.toISOString()).toBe('2025-06-20T00:00:00.000Z');
    expect(strictUtcParse('%Y-%m')('2025-06')?.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(strictUtcParse('%d/%m/%Y')('20/06/2025')?.toISOString()).toBe('2025-06-20T00:00:00.000Z');
    expect(strictUtcParse('%b %Y')('Jun 2025')?.toISOString()).toBe('2025-06-01T00:00:00.000Z');
  });

  it('refuses what d3 alone would roll over or forgive', () => {
    const day = strictUtcParse('%Y-%m-%d');
    expect(day('2025-06-31')).toBeNull();
    expect(day('2025-13-45')).toBeNull();
    expect(day('2025-02-29')).toBeNull();
    expect(day('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(day('2025-6-3')).toBeNull();
    expect(day('June 2025')).toBeNull();
    expect(strictUtcParse('%Y-%m')('2025-13')).toBeNull();
    expect(strictUtcParse('%d/%m/%Y')('31/06/2025')).toBeNull();
  });
});
