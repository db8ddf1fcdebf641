import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigData, HtmlValidate, StaticConfigLoader } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { DIST, htmlPages } from './dist.ts';

// The rules live in .htmlvalidate.json at the project root; docs/quality.md explains each deviation.
// Loaded explicitly: a build outside the project (ASSAY_DIST) must get the same rules.
const CONFIG_FILE = fileURLToPath(new URL('../../.htmlvalidate.json', import.meta.url));
const validator = new HtmlValidate(new StaticConfigLoader(JSON.parse(readFileSync(CONFIG_FILE, 'utf8')) as ConfigData));
/**
 * Email editions are pasted into newsletter tools and must survive email clients, which honour
 * only inline CSS and (Outlook) only the old table attributes for layout. docs/quality.md lists
 * each of these deviations; every other rule applies to them as to any page.
 */
const EMAIL_RULES: ConfigData = {
  rules: {
    'no-inline-style': 'off',
    'no-deprecated-attr': 'off',
    'prefer-tbody': 'off',
    'presentation-role-style': ['error', { prefer: 'presentation' }],
  },
};

describe('valid HTML (html-validate, .htmlvalidate.json)', () => {
  it('finds pages to validate', () => {
    expect(htmlPages().length).toBeGreaterThan(0);
  });

  it('reports zero errors on every page in dist/', async () => {
    const errors: string[] = [];
    for (const page of htmlPages()) {
      const file = path.join(DIST, page.file);
      const report =
        page.kind === 'email'
          ? await validator.validateString(readFileSync(file, 'utf8'), file, EMAIL_RULES)
          : await validator.validateFile(file);
      for (const result of report.results) {
        for (const message of result.messages) {
          if (message.severity < 2) continue;
          errors.push(`${page.url} ${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
        }
      }
    }
    expect(errors).toEqual([]);
  });
});
