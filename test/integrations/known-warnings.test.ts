import { describe, expect, it } from 'vitest';
import { isHeadInjectDirectiveWarning, quietKnownWarnings } from '../../src/integrations/known-warnings.ts';

const headInject = {
  code: 'MODULE_LEVEL_DIRECTIVE',
  message:
    'The semantics of the module level directive "use astro:head-inject" in "content/notes/a.mdx?astroPropagatedAssets" may not be preserved when bundling.',
};

describe('known build warnings', () => {
  it("drops Astro's head-inject directive warning and nothing else", () => {
    expect(isHeadInjectDirectiveWarning(headInject)).toBe(true);
    const otherDirective = { ...headInject, message: headInject.message.replace('astro:head-inject', 'use client') };
    expect(isHeadInjectDirectiveWarning(otherDirective)).toBe(false);
    expect(isHeadInjectDirectiveWarning({ code: 'UNRESOLVED_IMPORT', message: headInject.message })).toBe(false);
  });

  it('is a Vite plugin whose log hook returns false only for that warning', () => {
    const onLog = quietKnownWarnings().onLog as (level: string, log: { code?: string; message: string }) => unknown;
    expect(onLog('warn', headInject)).toBe(false);
    expect(onLog('warn', { code: 'EMPTY_BUNDLE', message: 'Generated an empty chunk' })).toBeUndefined();
  });
});
