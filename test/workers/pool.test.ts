import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildChart, clearRenderMemory } from '../../src/charts/engine.ts';
import { chartTask, pngTask } from '../../src/charts/tasks.ts';
import { AssayError, isAssayError } from '../../src/lib/errors.ts';
import { closeRuntime, runTask, runtime } from '../../src/runtime/index.ts';
import { deserialiseError, nextQueue, serialiseError, WORKERS_ENV, type WorkerLoad } from '../../src/workers/pool.ts';
import { fixture, place } from '../charts/helpers.ts';

const exports = fixture('exports');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'assay-pool-'));
beforeAll(() => {
  process.env.ASSAY_CACHE_DIR = cacheDir;
  process.env.ASSAY_NO_CACHE = '1';
});
afterEach(() => {
  delete process.env[WORKERS_ENV];
  clearRenderMemory();
});
afterAll(async () => {
  delete process.env.ASSAY_CACHE_DIR;
  delete process.env.ASSAY_NO_CACHE;
  await closeRuntime();
});

describe('worker pool', () => {
  it('uses worker threads by default and none with ASSAY_WORKERS=0', () => {
    expect(runtime().pool()).toBeDefined();
    process.env[WORKERS_ENV] = '0';
    expect(runtime().pool()).toBeUndefined();
  });

  it('counts the tasks run on workers and the CPU time they took, for build statistics', async () => {
    const { cpu } = runtime();
    const before = cpu.tasks.chart?.tasks ?? 0;
    await buildChart({ data: 'exports', type: 'bar', title: 'counted' }, exports, place, { stage: false });
    const after = cpu.tasks.chart;
    expect(after?.tasks).toBe(before + 1);
    expect(after?.cpuMs).toBeGreaterThan(0);
    const line = cpu.statsLine('so far');
    expect(line).toMatch(
      /^CPU so far: process \d+ ms \(kernel \d+ ms\), main thread \d+ ms, worker tasks \d+ ms \(chart \d+ × [\d.]+ ms/,
    );
    // The threads' whole time (start-up, messages, collection) is at least their tasks' time.
    const threads = Number(/worker threads in all (\d+) ms$/.exec(line)?.[1]);
    const tasks = Number(/worker tasks (\d+) ms/.exec(line)?.[1]);
    expect(threads).toBeGreaterThanOrEqual(tasks);
    expect(threads).toBeGreaterThan(0);
  });

  it('draws a chart on a worker exactly as on the main thread', async () => {
    const props = { data: 'exports', type: 'bar', title: 'Exports' };
    process.env[WORKERS_ENV] = '0';
    const here = await buildChart(props, exports, place, { stage: false });
    delete process.env[WORKERS_ENV];
    clearRenderMemory();
    const there = await buildChart(props, exports, place, { stage: false });
    expect(runtime().cpu.tasks.chart?.tasks).toBeGreaterThan(0);
    expect(there.id).toBe(here.id);
    expect(there.svg).toEqual(here.svg);
    expect(there.description).toBe(here.description);
  });

  it('gives many concurrent pages one drawing per chart', async () => {
    const props = { data: 'exports', type: 'line' };
    const { cpu } = runtime();
    const before = cpu.tasks.chart?.tasks ?? 0;
    const figures = await Promise.all([
      ...Array.from({ length: 4 }, () => buildChart(props, exports, place, { stage: false })),
      // Another title: another figure, the same drawing.
      ...Array.from({ length: 2 }, () => buildChart({ ...props, title: 'Other' }, exports, place, { stage: false })),
    ]);
    expect(cpu.tasks.chart?.tasks).toBe(before + 1);
    expect(new Set(figures.map((f) => f.drawing)).size).toBe(1);
    expect(new Set(figures.map((f) => f.id)).size).toBe(2);
  });

  it('throws option errors on the calling thread, with file and line', async () => {
    const error = await buildChart({ data: 'exports', type: 'pie' }, exports, place, { stage: false }).catch(
      (e: unknown) => e,
    );
    expect(isAssayError(error)).toBe(true);
    expect((error as Error).message).toContain(`${place.file}:${place.line}`);
  });

  it('carries an AssayError across threads with its problem, hint, file and line', () => {
    const original = new AssayError('column "tonne" not found', {
      hint: "did you mean 'tonnes'?",
      file: 'content/notes/x.mdx',
      line: 7,
    });
    const copy = deserialiseError(structuredClone(serialiseError(original)));
    expect(isAssayError(copy)).toBe(true);
    expect(copy.message).toBe(original.message);
    expect((copy as AssayError).hint).toBe(original.hint);
    expect((copy as AssayError).line).toBe(7);
  });

  it("rejects with the worker's error when a task fails there", async () => {
    const error = await runTask(chartTask, {
      spec: { source: { dataset: 'broken' } } as never,
      place: { file: 'content/notes/x.mdx', line: 7 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('in a worker thread');
    // The pool is still usable afterwards.
    const figure = await buildChart({ data: 'exports' }, exports, place, { stage: false });
    expect((await runTask(pngTask, { svg: figure.svg.standalone })).length).toBeGreaterThan(100);
  });

  it('rasterises the same PNG bytes on a worker as on the main thread', async () => {
    const figure = await buildChart({ data: 'exports', type: 'area' }, exports, place, { stage: false });
    const there = await runTask(pngTask, { svg: figure.svg.standalone });
    process.env[WORKERS_ENV] = '0';
    const here = await runTask(pngTask, { svg: figure.svg.standalone });
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
  });

  it('runs queued background tasks and foreground ones alike, with the same bytes', async () => {
    const figure = await buildChart({ data: 'exports', type: 'dot' }, exports, place, { stage: false });
    const input = { svg: figure.svg.standalone };
    const background = Array.from({ length: 4 }, () => runTask(pngTask, input, { background: true }));
    const foreground = runTask(pngTask, input);
    const [first, ...rest] = await Promise.all([foreground, ...background]);
    for (const png of rest) expect(Buffer.from(png).equals(Buffer.from(first))).toBe(true);
  });
});

// Which job a worker takes next is decided by a pure policy; testing it directly keeps the
// test free of thread timing (a completion-order test flaked on a busy 2-core machine).
describe('worker scheduling policy', () => {
  const idle: WorkerLoad = { jobs: 0, background: false };
  const inBackground: WorkerLoad = { jobs: 1, background: true };
  const queued = (foreground: number, background: number) => ({ foreground, background });

  it("gives a waiting page's job before any background job", () => {
    expect(nextQueue(idle, [idle, idle], queued(1, 4), 2)).toBe('foreground');
    expect(nextQueue(inBackground, [inBackground, idle], queued(1, 3), 2)).toBe('foreground');
  });

  it('keeps one of two workers free of background work', () => {
    expect(nextQueue(idle, [idle, idle], queued(0, 4), 2)).toBe('background');
    // The other worker already works in the background: this one stays free for pages.
    expect(nextQueue(idle, [inBackground, idle], queued(0, 3), 2)).toBeUndefined();
    // A worker holds at most one background job.
    expect(nextQueue(inBackground, [inBackground, idle], queued(0, 3), 2)).toBeUndefined();
  });

  it('lets a single worker do background work, and never sends more than two jobs ahead', () => {
    expect(nextQueue(idle, [idle], queued(0, 1), 1)).toBe('background');
    const full: WorkerLoad = { jobs: 2, background: false };
    expect(nextQueue(full, [full, idle], queued(5, 0), 2)).toBeUndefined();
    expect(nextQueue(idle, [idle, idle], queued(0, 0), 2)).toBeUndefined();
  });
});
