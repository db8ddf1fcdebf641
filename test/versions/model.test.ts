import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isAssayError } from '../../src/lib/errors.ts';
import { readHistoricFrontmatter, readVersionFrontmatter } from '../../src/versions/frontmatter.ts';
import { type RevisionState, versionsOf } from '../../src/versions/model.ts';

const FILE = 'content/notes/x.mdx';
const BUILD_DATE = new Date('2025-12-01T00:00:00Z');

/** Revisions with 0…n entries, one per count, each commit named c<index>. */
function revisions(counts: (number | undefined)[], last: 'committed' | 'working-tree' = 'committed'): RevisionState[] {
  return counts.map((count, index) => {
    const working = last === 'working-tree' && index === counts.length - 1;
    return {
      commit: working ? undefined : `c${index}`,
      date: working ? undefined : new Date(Date.UTC(2025, 5, 1 + index)),
      path: FILE,
      updates: count === undefined ? undefined : entries(count),
    };
  });
}

function entries(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.UTC(2025, 6, 1 + i)),
    summary: `Update ${i + 1}`,
  }));
}

const options = (count: number) => ({ file: FILE, updates: entries(count), buildDate: BUILD_DATE });

describe('versionsOf', () => {
  it('makes one version per updates entry and takes each text from the last commit before the next version', () => {
    const versions = versionsOf(revisions([0, 0, 1, 1, 2]), options(2));
    expect(versions.map((v) => [v.number, v.startCommit, v.textCommit, v.vintageCommit, v.summary, v.latest])).toEqual([
      [1, 'c0', 'c1', 'c0', 'First published', false],
      [2, 'c2', 'c3', 'c2', 'Update 1', false],
      [3, 'c4', 'c4', 'c4', 'Update 2', true],
    ]);
  });

  it('dates versions by content dates, never by a commit date', () => {
    const versions = versionsOf(revisions([0, 1]), { ...options(1), published: new Date('2025-05-30') });
    expect(versions.map((v) => v.date)).toEqual([new Date('2025-05-30'), new Date(Date.UTC(2025, 6, 1))]);
    // Without `published` (a file the schema refuses), the build date, not the commit's (1 June).
    expect(versionsOf(revisions([0]), options(0))[0]?.date).toEqual(BUILD_DATE);
  });

  it('gives several entries of a file not committed yet a version each, all drafts on the working tree', () => {
    // The bug: a new event with two updates entries crashed the reader ("no text for … at undefined").
    const versions = versionsOf(revisions([2], 'working-tree'), options(2));
    expect(versions.map((v) => [v.number, v.textCommit, v.draft, v.sameAs, v.latest])).toEqual([
      [1, undefined, true, 3, false],
      [2, undefined, true, 3, false],
      [3, undefined, true, undefined, true],
    ]);
  });

  it('gives two entries added in one commit a version each, the first marked sameAs the second', () => {
    const versions = versionsOf(revisions([0, 2, 2]), options(2));
    expect(versions.map((v) => [v.number, v.startCommit, v.textCommit, v.sameAs])).toEqual([
      [1, 'c0', 'c0', undefined],
      [2, 'c1', 'c2', 3],
      [3, 'c1', 'c2', undefined],
    ]);
    expect(versions[1]?.summary).toBe('Update 1');
  });

  it('keeps published versions when an entry is removed and restored later', () => {
    const versions = versionsOf(revisions([0, 1, 0, 1, 2]), options(2));
    expect(versions.map((v) => [v.number, v.startCommit, v.textCommit])).toEqual([
      [1, 'c0', 'c0'],
      // The dip at c2 is not a new version; v2's text is the newest commit with one entry before v3.
      [2, 'c1', 'c3'],
      [3, 'c4', 'c4'],
    ]);
  });

  it('fails when today has fewer entries than were published, naming the file and the fix', () => {
    try {
      versionsOf(revisions([0, 1, 2, 1]), options(1));
      expect.unreachable();
    } catch (error) {
      expect(isAssayError(error)).toBe(true);
      expect((error as Error).message).toContain(FILE);
      expect((error as Error).message).toContain('had 2 at commit c2');
      expect((error as Error).message).toMatch(/restore the removed updates entry/);
    }
  });

  it('carries the count over commits whose frontmatter cannot be read', () => {
    const versions = versionsOf(revisions([0, undefined, 1]), options(1));
    expect(versions.map((v) => [v.number, v.startCommit, v.textCommit])).toEqual([
      [1, 'c0', 'c1'],
      [2, 'c2', 'c2'],
    ]);
  });

  it('makes an uncommitted updates entry a draft version on working-tree data', () => {
    const versions = versionsOf(revisions([0, 0, 1], 'working-tree'), options(1));
    expect(versions.map((v) => [v.number, v.startCommit, v.textCommit, v.vintageCommit, v.draft])).toEqual([
      [1, 'c0', 'c1', 'c0', false],
      [2, undefined, undefined, undefined, true],
    ]);
  });

  it("takes summaries from today's list so a typo in one can be fixed", () => {
    const fixed = [{ date: new Date('2025-07-01'), summary: 'Corrected April' }];
    expect(versionsOf(revisions([0, 1]), { ...options(1), updates: fixed })[1]?.summary).toBe('Corrected April');
  });

  it('treats a note first committed with entries as having had those versions there', () => {
    const versions = versionsOf(revisions([1]), options(1));
    expect(versions.map((v) => [v.number, v.startCommit, v.sameAs, v.latest])).toEqual([
      [1, 'c0', 2, false],
      [2, 'c0', undefined, true],
    ]);
  });
});

describe('readVersionFrontmatter', () => {
  it('reads updates, published and aliases leniently', () => {
    const text =
      '---\ntitle: x\npublished: 2025-06-20\nupdates:\n  - date: 2025-07-01\n    summary: Fixed\naliases: ["/notes/a/"]\n---\nBody';
    expect(readVersionFrontmatter(text)).toEqual({
      updates: [{ date: new Date('2025-07-01'), summary: 'Fixed' }],
      published: new Date('2025-06-20'),
      aliases: ['/notes/a/'],
      draft: false,
    });
  });

  it('returns undefined for missing or invalid frontmatter', () => {
    expect(readVersionFrontmatter('No frontmatter')).toBeUndefined();
    expect(readVersionFrontmatter('---\ntitle: [unclosed\n---\n')).toBeUndefined();
  });

  it('reads only the blocks history needs the same way as the full parse, whatever their layout', () => {
    const layouts = [
      'title: x\nupdates:\n- date: 2025-07-01\n  summary: A\n# note\n- date: 2025-08-01\n  summary: B\ndraft: false',
      'title: x\nupdates: [{ date: 2025-07-01, summary: A }, { date: 2025-08-01, summary: B }]\ndraft: true',
      'updates:\n\n    - date: 2025-07-01\n      summary: A\n    - date: 2025-08-01\n      summary: "B: quoted"\ntitle: x',
      'title: x\ndraft: false\nedition: 2025-06\ntopics:\n  - magnets\n  - Export controls',
      'title: x\ntopics: [magnets]\nedition: "2025-07"\nupdatesNote: not the updates key',
    ];
    for (const yaml of layouts) {
      const text = `---\n${yaml}\n---\nBody`;
      const full = readVersionFrontmatter(text);
      const data = parseYaml(yaml) as { topics?: string[]; edition?: string };
      expect(readHistoricFrontmatter(text)).toEqual({
        updates: full?.updates,
        draft: full?.draft,
        topics: data.topics ?? [],
        edition: data.edition,
      });
    }
    expect(readHistoricFrontmatter('---\nupdates:\n- date: 2025-07-01\n  summary: A\n---\n')?.updates).toHaveLength(1);
  });
});
