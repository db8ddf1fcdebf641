/**
 * The one runtime of a build or dev server: everything that lives for one build and no
 * longer. Its worker pool, the chart engine's recent figures and drawings, the charts staged
 * for `dist/charts/`, the preview cards being drawn,
 * the note bodies rendered for feeds and email, the latest versions' pages to copy, the
 * workers' CPU account and the worker script's path. The chart-assets integration
 * (src/integrations/chart-assets.ts) creates it when Astro sets up its config and closes it
 * when the build (or dev server) ends; so nothing of one build is left for the next.
 *
 * Shared through ONE key on globalThis, `Symbol.for('assay.runtime')`: Astro bundles page code
 * (components, endpoints) into chunks of its own, which load this module again, so a
 * module-level variable would give the integration and the pages two runtimes in the same
 * process. Everything else reaches the runtime through `runtime()`.
 *
 * Without the integration (unit tests calling the chart engine, scripts), `runtime()` creates
 * a default one on first use: workers found next to the pool's module, staged charts kept in
 * memory; `closeRuntime()` ends it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { experimental_AstroContainer } from 'astro/container';
import { StagedCharts } from '../charts/assets.ts';
import type { Figure } from '../charts/figure-entry.ts';
import type { RenderedSvg } from '../charts/render.ts';
import type { FeedEntry } from '../feeds/feed-entry.ts';
import { RecentMap } from '../lib/memo.ts';
import type { VersionIndex } from '../versions/types.ts';
import { CpuAccount } from '../workers/cpu.ts';
import { runHere, type Task, WORKERS_ENV, WorkerPool } from '../workers/pool.ts';

export interface RuntimeOptions {
  /**
   * Absolute path of the worker entry (src/workers/render-worker.ts). Bundled page code cannot
   * find it next to itself; the integration, loaded from the sources, can. Default: next to
   * src/workers/pool.ts, for unbundled code.
   */
  workerScript?: string;
  /** Keep every staged chart's files in memory (the dev server serves them on request). */
  keepStaged?: boolean;
}

/** A preview card as drawn or read: its PNG, and whether it came from the cache. */
export interface CardResult {
  png: Uint8Array;
  cached: boolean;
}

/**
 * Charts kept in memory at most: a chart's note page, feed entry and email edition render
 * close together, and an older one is read back from the disk cache. Unbounded, these memos
 * held every figure of the site until the build ended.
 */
const RECENT_CHARTS = 256;

/**
 * Note bodies kept in memory at most (src/feeds/render-note.ts): a note's email edition and
 * preview card, and the feeds near the top of the archive, ask for it close together; an
 * older one is rendered again (its charts come from the figure cache).
 */
const RECENT_NOTE_BODIES = 64;

export class AssayRuntime {
  /**
   * The chart engine's recent whole figures, by figure key (src/charts/engine.ts): a chart on
   * a note page, its feed entry and its email edition is drawn, described and tabled once.
   */
  readonly figures = new RecentMap<string, Figure>(RECENT_CHARTS);
  /**
   * Recent drawings by drawing key, with placeholder ids: the same chart under another title or
   * at another data vintage (a version page) is drawn once.
   */
  readonly drawings = new RecentMap<string, RenderedSvg>(RECENT_CHARTS);
  /** Figures being made, by figure key: concurrent pages wait for one. */
  readonly pendingFigures = new Map<string, Promise<Figure>>();
  /** Drawings being drawn, by drawing key: figures sharing a drawing wait for one. */
  readonly pendingDrawings = new Map<string, Promise<RenderedSvg>>();
  /** Note bodies rendered for offsite readers (src/feeds/render-note.ts), by note and content digest. */
  readonly noteBodies = new RecentMap<string, Promise<string>>(RECENT_NOTE_BODIES);
  /**
   * Feed entries by note and content digest (src/feeds/feed-model.ts): only the newest notes
   * of the site and of each topic are in a feed, so this stays small.
   */
  readonly feedEntries = new Map<string, Promise<FeedEntry>>();
  /** The Astro container those bodies are rendered with: made once per build. */
  offsiteContainer: Promise<experimental_AstroContainer> | undefined;
  /**
   * Latest versions' permanent pages to be copied from the latest page when the build is done
   * (src/versions/latest-copies.ts), by permanent path.
   */
  readonly latestCopies = new Map<string, { page: string; permanent: string }>();
  /**
   * Lists every page reads from the content layer (the sorted published notes, say), made once
   * per build by name (src/lib/per-build.ts): the content does not change while pages render,
   * and making them on every page was n² work (a 2,000-note site read and sorted 2,000 notes
   * for each of its pages). Never used by the dev server, whose content changes.
   */
  readonly lists = new Map<string, Promise<unknown>>();
  /** The keys of the note pages a build may reuse, made once per build (src/notes/reuse.ts). */
  reuseKeys: Promise<ReadonlyMap<string, string>> | undefined;
  /**
   * Stages reused notes' charts from their MDX (src/notes/reuse.ts); the build calls it once
   * its pages are done, before it writes the last chart files.
   */
  stageReusedCharts: (() => Promise<void>) | undefined;
  /** Notes whose latest page this build rendered rather than reused, by id. */
  readonly renderedNotes = new Set<string>();
  /** The site's version index, read from git once per build (src/versions/site.ts); never in dev. */
  versionIndex: VersionIndex | undefined;
  readonly charts: StagedCharts;
  /**
   * Preview cards drawn ahead of need, by card key (src/og/render.ts), until their endpoint
   * takes them: the card, or without its bytes once it is stored in the cache.
   */
  readonly cards = new Map<string, Promise<{ png?: Uint8Array; cached: boolean }>>();
  readonly cpu = new CpuAccount();
  readonly workerScript: string | undefined;
  /** Pools by size: `ASSAY_WORKERS` is read when a task runs (tests change it). */
  private readonly pools = new Map<number, WorkerPool>();

  constructor(options: RuntimeOptions = {}) {
    this.charts = new StagedCharts({ keepAll: options.keepStaged ?? true });
    const local = fileURLToPath(new URL('../workers/render-worker.ts', import.meta.url));
    this.workerScript = [options.workerScript, local].find((file) => file && existsSync(file));
  }

  /** The worker pool, or undefined when tasks run on the main thread (`ASSAY_WORKERS=0`, no script). */
  pool(): WorkerPool | undefined {
    const size = poolSize();
    if (size === 0 || !this.workerScript) return undefined;
    let pool = this.pools.get(size);
    if (!pool) {
      pool = new WorkerPool(this.workerScript, size, (task, thread, cpuMs, threadMs) =>
        this.cpu.record(task, thread, cpuMs, threadMs),
      );
      this.pools.set(size, pool);
    }
    return pool;
  }

  /**
   * Runs a task on a worker thread, or on this thread when workers are off or unavailable.
   * Tasks are pure functions of their input, so where they run never changes the result.
   * Background tasks are work done ahead of need: spare workers take them after page work.
   */
  async run<I, O>(task: Task<I, O>, input: I, { background = false }: { background?: boolean } = {}): Promise<O> {
    const pool = this.pool();
    if (pool) return (await pool.run(task.name, input, background)) as O;
    return runHere(task, input);
  }

  /** Every queued background task becomes a foreground task (the build now waits for them). */
  promote(): void {
    for (const pool of this.pools.values()) pool.promote();
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** Threads per pool: `ASSAY_WORKERS`, else one per core, two at most. */
function poolSize(): number {
  const setting = process.env[WORKERS_ENV];
  if (setting !== undefined && setting !== '') {
    const n = Number(setting);
    if (Number.isInteger(n) && n >= 0) return n;
  }
  cores ??= availableParallelism();
  return Math.min(2, cores);
}

/** Asked once: every task looks up the pool, and this is a system call. */
let cores: number | undefined;

/** The one documented globalThis key (see the top of this file). */
const KEY = Symbol.for('assay.runtime');
type Holder = { [KEY]?: AssayRuntime };

/** The current runtime: the integration's, or a default one created now (see the top of this file). */
export function runtime(): AssayRuntime {
  const global = globalThis as Holder;
  global[KEY] ??= new AssayRuntime();
  return global[KEY];
}

/** Starts a new runtime for a build or dev server, closing the previous one (a restarted dev server). */
export async function startRuntime(options: RuntimeOptions): Promise<AssayRuntime> {
  await closeRuntime();
  const started = new AssayRuntime(options);
  (globalThis as Holder)[KEY] = started;
  return started;
}

/** Closes the current runtime, if any: its workers stop, and its staged charts and cards are let go. */
export async function closeRuntime(): Promise<void> {
  const global = globalThis as Holder;
  const current = global[KEY];
  delete global[KEY];
  await current?.close();
}

/** `runtime().run(…)`: a task on the current runtime's workers. */
export function runTask<I, O>(task: Task<I, O>, input: I, options?: { background?: boolean }): Promise<O> {
  return runtime().run(task, input, options);
}
