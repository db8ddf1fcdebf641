/**
 * One pool of worker threads per build process for the pure, CPU-heavy work: drawing chart
 * SVGs with Plot, rasterising PNG twins, drawing preview cards. Page rendering stays on the
 * main thread and goes on (Astro's `build.concurrency`) while workers draw, so a 2-core
 * machine uses both cores. Node has no well-kept pool that shares one set of workers between
 * the separately bundled copies of this module (pages, endpoints, integrations) and falls
 * back to the main thread when workers cannot start; this is small enough to own.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SHARE_ENV, Worker } from 'node:worker_threads';
import { AssayError } from '../lib/errors.ts';
import { recordTaskCpu } from './cpu.ts';
import { type TaskInput, type TaskName, type TaskOutput, tasks } from './tasks.ts';

/** Absolute path of the worker script; set by the chart-assets integration for bundled code. */
export const WORKER_SCRIPT_ENV = 'ASSAY_WORKER_SCRIPT';
/** Number of worker threads; `ASSAY_WORKERS=0` runs every task on the main thread. */
export const WORKERS_ENV = 'ASSAY_WORKERS';

/** An error as it crosses the thread boundary: enough to rebuild an AssayError. */
export interface SerialisedError {
  name: string;
  message: string;
  problem?: string;
  hint?: string;
  file?: string;
  line?: number;
}

export interface TaskRequest {
  id: number;
  task: TaskName;
  input: unknown;
}

export interface TaskReply {
  id: number;
  output?: unknown;
  error?: SerialisedError;
  /** CPU time the task took on its worker thread, user and system, in milliseconds. */
  cpuMs?: number;
  /** CPU time of the worker thread since it started (tasks, start-up, messages, collection). */
  threadMs?: number;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof AssayError)
    return {
      name: error.name,
      message: error.message,
      problem: error.problem,
      hint: error.hint,
      file: error.file,
      line: error.line,
    };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.stack ?? e.message };
}

export function deserialiseError(error: SerialisedError): Error {
  if (error.name === 'AssayError' && error.problem !== undefined)
    return new AssayError(error.problem, { hint: error.hint, file: error.file, line: error.line });
  return new Error(`in a worker thread: ${error.message}`);
}

interface Job {
  request: TaskRequest;
  /** Work done ahead of need: runs on spare workers, after every foreground job. */
  background: boolean;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker and not yet answered, by request id. */
  jobs: Map<number, Job>;
}

/**
 * Jobs sent to a worker before it answers the previous one. The main thread hands out work
 * only between its own tasks, and page rendering keeps it busy for long stretches; with one
 * job queued ahead, a worker that finishes starts the next at once instead of waiting.
 */
const PIPELINE_DEPTH = 2;

const hasBackgroundJob = (slot: Slot) => [...slot.jobs.values()].some((job) => job.background);

/** What the scheduler knows about one worker. */
export interface WorkerLoad {
  /** Jobs sent and not yet answered. */
  jobs: number;
  /** Whether one of them is a background job. */
  background: boolean;
}

/**
 * Which queue feeds `worker` next, if any. Foreground jobs (a page waits for them) go first.
 * A worker holds at most one background job, and background jobs occupy at most size - 1
 * workers, so one worker always stays free for the next foreground job. Pure, so the policy
 * is tested without racing threads.
 */
export function nextQueue(
  worker: WorkerLoad,
  workers: readonly WorkerLoad[],
  queued: { foreground: number; background: number },
  size: number,
): 'foreground' | 'background' | undefined {
  if (worker.jobs >= PIPELINE_DEPTH) return undefined;
  if (queued.foreground > 0) return 'foreground';
  if (queued.background === 0 || worker.background) return undefined;
  const busyInBackground = workers.filter((w) => w.background).length;
  return busyInBackground < Math.max(1, size - 1) ? 'background' : undefined;
}

const loadOf = (slot: Slot): WorkerLoad => ({ jobs: slot.jobs.size, background: hasBackgroundJob(slot) });

/** Heap limits of each worker thread, in MB (see `spawn`). */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

class Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly backgroundQueue: Job[] = [];
  private nextId = 0;
  private readonly script: string;
  private readonly size: number;

  constructor(script: string, size: number) {
    this.script = script;
    this.size = size;
  }

  run(task: TaskName, input: unknown, background: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const job = { request: { id: this.nextId++, task, input }, background, resolve, reject };
      (background ? this.backgroundQueue : this.queue).push(job);
      this.dispatch();
    });
  }

  /** The next job for `slot`, by the policy of `nextQueue`. */
  private next(slot: Slot): Job | undefined {
    const queue = nextQueue(
      loadOf(slot),
      this.slots.map(loadOf),
      { foreground: this.queue.length, background: this.backgroundQueue.length },
      this.size,
    );
    if (queue === 'foreground') return this.queue.shift();
    if (queue === 'background') return this.backgroundQueue.shift();
    return undefined;
  }

  private dispatch(): void {
    while (this.queue.length > 0 || this.backgroundQueue.length > 0) {
      if (this.slots.length < this.size && this.slots.every((slot) => slot.jobs.size > 0)) this.spawn();
      // The least loaded worker that can take a job gets it.
      const slots = [...this.slots].sort((a, b) => a.jobs.size - b.jobs.size);
      let sent = false;
      for (const slot of slots) {
        const job = this.next(slot);
        if (!job) continue;
        slot.jobs.set(job.request.id, job);
        slot.worker.ref();
        slot.worker.postMessage(job.request);
        sent = true;
        break;
      }
      if (!sent) return;
    }
  }

  private spawn(): Slot {
    // SHARE_ENV: cache settings changed after the pool started (tests) reach the workers too.
    // A bounded heap: V8 sizes a worker's heap like the main thread's (gigabytes on a big
    // machine) and collects late; the drawing code keeps little alive between tasks, so a
    // 256 MB old space and a small young one keep each worker's memory flat. A 500-note
    // cold build peaked at 1,940 MB without the limits and 1,561 MB with them.
    const worker = new Worker(this.script, { env: SHARE_ENV, resourceLimits: WORKER_HEAP });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (reply: TaskReply) => {
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      // An idle worker must not keep the build process alive.
      if (slot.jobs.size === 0) worker.unref();
      if (job) {
        recordTaskCpu(job.request.task, worker.threadId, reply.cpuMs ?? 0, reply.threadMs ?? 0);
        if (reply.error) job.reject(deserialiseError(reply.error));
        else job.resolve(reply.output);
      }
      this.dispatch();
    });
    const fail = (error: Error) => {
      const jobs = [...slot.jobs.values()];
      slot.jobs.clear();
      this.slots.splice(this.slots.indexOf(slot), 1);
      for (const job of jobs) job.reject(new Error(`a worker thread failed: ${error.message}`, { cause: error }));
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exited with code ${code}`));
    });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** Background jobs become foreground jobs: something now waits for them. */
  promote(): void {
    for (const job of this.backgroundQueue) job.background = false;
    this.queue.push(...this.backgroundQueue.splice(0));
    this.dispatch();
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

/** Resolved worker scripts, by the setting they came from: one file check, not one per task. */
const scripts = new Map<string, string | undefined>();

function workerScript(): string | undefined {
  const fromEnv = process.env[WORKER_SCRIPT_ENV] ?? '';
  if (!scripts.has(fromEnv)) {
    // Unbundled (tests, integrations): the script sits next to this module.
    const local = fileURLToPath(new URL('./render-worker.ts', import.meta.url));
    scripts.set(
      fromEnv,
      [fromEnv, local].find((file) => file && existsSync(file)),
    );
  }
  return scripts.get(fromEnv);
}

function poolSize(): number {
  const setting = process.env[WORKERS_ENV];
  if (setting !== undefined && setting !== '') {
    const n = Number(setting);
    if (Number.isInteger(n) && n >= 0) return n;
  }
  cores ??= availableParallelism();
  return Math.min(2, cores);
}

/** Asked once: every task dispatch looks up the pool, and this is a system call. */
let cores: number | undefined;

// Shared through globalThis: Astro bundles this module into page chunks and loads it again
// unbundled from the integrations, and every copy must use the same threads.
const POOLS = Symbol.for('assay.worker-pools');
type Registry = Map<string, Pool>;

function sharedPool(): Pool | undefined {
  const size = poolSize();
  const script = workerScript();
  if (size === 0 || !script) return undefined;
  const global = globalThis as { [POOLS]?: Registry };
  global[POOLS] ??= new Map();
  const registry = global[POOLS];
  const key = `${script}\0${size}`;
  let pool = registry.get(key);
  if (!pool) {
    pool = new Pool(script, size);
    registry.set(key, pool);
  }
  return pool;
}

/**
 * Runs a task on a worker thread, or on this thread when workers are off or unavailable.
 * Tasks are pure functions of their input, so where they run never changes the result.
 */
export async function runTask<T extends TaskName>(
  task: T,
  input: TaskInput<T>,
  { background = false }: { background?: boolean } = {},
): Promise<TaskOutput<T>> {
  const pool = sharedPool();
  if (pool) return (await pool.run(task, input, background)) as TaskOutput<T>;
  const output = (await tasks[task](input as never)) as TaskOutput<T>;
  await turnEventLoop();
  return output;
}

/**
 * One turn of the event loop. resvg's images live in native memory that Node frees from
 * finalizers it runs in the loop's check phase; tasks run back to back (queued on a worker,
 * or inline without workers) never let the loop get there, and 300 PNG twins held 2.8 GB
 * until the thread ended (568 MB with a turn after each task).
 */
export function turnEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Every queued background task becomes a foreground task (the build now waits for them). */
export function promoteBackgroundTasks(): void {
  const global = globalThis as { [POOLS]?: Registry };
  for (const pool of global[POOLS]?.values() ?? []) pool.promote();
}

/** Whether tasks run on worker threads (false: on the main thread, one at a time). */
export function workersEnabled(): boolean {
  return sharedPool() !== undefined;
}

/** Stops every worker of this process (tests; builds end with idle, unref'd workers). */
export async function closeWorkers(): Promise<void> {
  const global = globalThis as { [POOLS]?: Registry };
  const registry = global[POOLS];
  if (!registry) return;
  const pools = [...registry.values()];
  registry.clear();
  await Promise.all(pools.map((pool) => pool.close()));
}
