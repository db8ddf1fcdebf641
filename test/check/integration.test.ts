/**
 * The content check inside Astro (src/integrations/content-check.ts), driven through its hooks
 * with a stand-in dev server: no Astro process, so it stays fast.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { contentCheck } from '../../src/integrations/content-check.ts';
import { BASE_NOTE, note } from './base.ts';
import { PROJECT_ROOT, siteWith } from './catalog.ts';

const roots: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.ASSAY_DEBUG;
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });

// The hooks take Astro's full option objects; the integration reads only these parts.
type Hook = (options: unknown) => void;
function hooks(root: string, command: 'build' | 'dev') {
  const integration = contentCheck();
  const setup = integration.hooks['astro:config:setup'] as unknown as Hook;
  const server = integration.hooks['astro:server:setup'] as unknown as Hook;
  const log = logger();
  return {
    log,
    setup: () => setup({ config: { root: pathToFileURL(`${root}/`) }, command, logger: log }),
    server: (devServer: unknown) => server({ server: devServer, logger: log }),
  };
}

function site(files: Record<string, string | null>): string {
  const root = siteWith(files);
  roots.push(root);
  return root;
}

describe('astro build', () => {
  test('a clean site builds on, with one line saying so', () => {
    const { setup, log } = hooks(site({}), 'build');
    setup();
    expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/^content check passed: 1 note, 1 event/));
  });

  test('author mistakes stop the build with the list on stderr and exit code 1, no stack trace', () => {
    const root = site({ [BASE_NOTE]: note('<Chrt />') });
    // A real process: what matters is what reaches stderr and the exit code.
    const script = `
      import { contentCheck } from ${JSON.stringify(path.join(PROJECT_ROOT, 'src/integrations/content-check.ts'))};
      const log = { info() {}, warn() {}, error() {}, debug() {} };
      contentCheck().hooks['astro:config:setup']({ config: { root: new URL(${JSON.stringify(pathToFileURL(`${root}/`).href)}) }, command: 'build', logger: log });
      console.log('went on');
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('went on');
    expect(result.stderr).toContain('content/notes/base-note.mdx:9:1 unknown component <Chrt>');
    expect(result.stderr).toContain('1 problem in 1 file');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('ASSAY_DEBUG=1 throws the problems instead, for the stack', () => {
    process.env.ASSAY_DEBUG = '1';
    const { setup } = hooks(site({ [BASE_NOTE]: note('<Chrt />') }), 'build');
    expect(setup).toThrow(/unknown component <Chrt>/);
  });
});

describe('astro dev', () => {
  function devServer() {
    const sent: { type: string; err?: { message: string; loc?: unknown } }[] = [];
    const ws = new EventEmitter() as EventEmitter & { send: (payload: unknown) => void };
    ws.send = (payload) => sent.push(payload as (typeof sent)[number]);
    return { server: { ws, watcher: new EventEmitter() }, sent };
  }

  test('a CSV edit reloads the page; a mistake shows in the overlay, and again on the next page load', async () => {
    vi.useFakeTimers();
    try {
      const root = site({});
      const { setup, server: start } = hooks(root, 'dev');
      setup();
      const { server, sent } = devServer();
      start(server);

      server.watcher.emit('all', 'change', path.join(root, 'data/china-magnet-exports-world.csv'));
      vi.advanceTimersByTime(150);
      expect(sent).toEqual([{ type: 'full-reload', path: '*' }]);

      writeFileSync(path.join(root, BASE_NOTE), note('<Chrt />'));
      server.watcher.emit('all', 'change', path.join(root, BASE_NOTE));
      vi.advanceTimersByTime(150);
      const error = sent[1];
      expect(error?.type).toBe('error');
      expect(error?.err?.message).toMatch(/^content\/notes\/base-note\.mdx:9:1 unknown component <Chrt>/);
      expect(error?.err?.loc).toEqual({ file: path.join(root, BASE_NOTE), line: 9, column: 1 });

      server.ws.emit('connection');
      expect(sent[2]).toEqual(error);

      // Fixed: the overlay goes with a reload.
      writeFileSync(path.join(root, BASE_NOTE), note('Fixed.'));
      server.watcher.emit('all', 'change', path.join(root, BASE_NOTE));
      vi.advanceTimersByTime(150);
      expect(sent[3]).toEqual({ type: 'full-reload', path: '*' });

      // Files the check does not read do not trigger it.
      server.watcher.emit('all', 'change', path.join(root, 'README.md'));
      vi.advanceTimersByTime(150);
      expect(sent).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
