import type { AstroIntegration } from 'astro';
import { describe, expect, it } from 'vitest';
import { problemsCarried, reportCompileProblems, reportHookProblems } from '../../src/integrations/build-output.ts';
import { AssayError, AssayProblems } from '../../src/lib/errors.ts';

const problem = new AssayError('unknown component <Chrt>', {
  file: 'content/notes/x.mdx',
  line: 3,
  column: 1,
  hint: 'h',
});

describe('problemsCarried', () => {
  it('finds author problems in what Vite, rolldown and the MDX plugin hand on', () => {
    const renamed = Object.assign(new AssayError('p', { file: 'a.mdx' }), { name: 'MDXError' });
    expect(problemsCarried(renamed)).toEqual([renamed]);
    expect(problemsCarried({ errors: [problem, new Error('other')] })).toEqual([problem]);
    expect(problemsCarried(new AssayProblems([problem, problem]))).toHaveLength(2);
    expect(problemsCarried(new TypeError('internal'))).toEqual([]);
  });
});

/** Runs a hook with exit and print recorded. */
function recorder() {
  const printed: string[] = [];
  const exits: number[] = [];
  return {
    printed,
    exits,
    exit: (code: number) => void exits.push(code),
    print: (text: string) => void printed.push(text),
  };
}

describe('author problems from build hooks', () => {
  it('an integration hook: printed in the project format, exit 1; other errors go on to Astro', async () => {
    const io = recorder();
    const integration: AstroIntegration = {
      name: 'assay-test',
      hooks: {
        'astro:build:done': () => {
          throw problem;
        },
        'astro:build:start': () => {
          throw new TypeError('internal');
        },
      },
    };
    reportHookProblems(integration, io.exit, io.print);
    const hooks = integration.hooks as Record<string, () => Promise<unknown>>;
    await expect(hooks['astro:build:done']?.()).rejects.toBe(problem);
    expect(io.printed).toEqual(['content/notes/x.mdx:3:1 unknown component <Chrt>\n  hint: h\n']);
    expect(io.exits).toEqual([1]);
    await expect(hooks['astro:build:start']?.()).rejects.toThrow('internal');
    expect(io.exits).toEqual([1]);
  });
  it('a failed bundling carrying an author problem', () => {
    const io = recorder();
    const plugin = reportCompileProblems(io.exit, io.print);
    (plugin.buildEnd as (error?: Error) => void)(Object.assign(new Error('Build failed'), { errors: [problem] }));
    (plugin.buildEnd as (error?: Error) => void)(undefined);
    expect(io.printed).toHaveLength(1);
    expect(io.exits).toEqual([1]);
  });
});
