/**
 * A pool of worker threads for pure, CPU-heavy work: drawing chart SVGs with Plot,
 * rasterising PNG twins, drawing preview cards. Page rendering stays on the main thread and
 * goes on (Astro's `build.concurrency`) while workers draw, so a 2-core machine uses both
 * cores. The pool knows no feature: a task is a name and a pure function, defined next to its
 * feature (src/charts/tasks.ts, src/og/tasks.ts); the worker entry (render-worker.ts) lists
 * them. The build's one pool belongs to its runtime (src/runtime/).
 *
 * Our own rather than tinypool or piscina (both weighed for issue 18): tinypool hands a task to
 * any free worker before it looks at its queue, so background work (PNG twins, cards) would
 * take both workers while a page waits for its chart; piscina 5 could only be made to keep
 * one worker free with a custom task queue and a load balancer that tracks which worker runs
 * background work itself (a worker tells how many tasks it runs, not which), and both wait for the
 * next task in `Atomics.wait` by default, which stops the event loop, and with it the
 * finalizers that free resvg's native images (see `turnEventLoop`). The policy would stay
 * ours; only the thread bookkeeping below would move into a dependency.
 */
import { SHARE_ENV, Worker } from 'node:worker_threads';
import { AssayError } from '../lib/errors.ts';
import { collectYoungGarbage } from '../runtime/heap.ts';

/** Number of worker threads; `ASSAY_WORKERS=0` runs every task on the main thread. */
export const WORKERS_ENV = 'ASSAY_WORKERS';

/**
 * Work a worker thread can do: a pure function from a structured-clonable input to a
 * structured-clonable output, so it gives the same result on any thread. `name` finds it in
 * the worker (render-worker.ts); `run` is also called on the main thread when workers are off.
 */
export interface Task<I, O> {
  readonly name: string;
  readonly run: (input: I) => O | Promise<O>;
}

export function defineTask<I, O>(name: string, run: (input: I) => O | Promise<O>): Task<I, O> {
  return { name, run };
}

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
  /** The task's `name`. */
  task: string;
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

/** Told about each task a worker finished: its name, its thread, its CPU time and the thread's so far. */
export type TaskDone = (task: string, threadId: number, cpuMs: number, threadMs: number) => void;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly backgroundQueue: Job[] = [];
  private nextId = 0;
  private readonly script: string;
  readonly size: number;
  private readonly done: TaskDone;

  /** `script`: the worker entry (render-worker.ts); `size`: threads at most, started when work comes. */
  constructor(script: string, size: number, done: TaskDone = () => {}) {
    this.script = script;
    this.size = size;
    this.done = done;
  }

  run(task: string, input: unknown, background: boolean): Promise<unknown> {
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
        this.done(job.request.task, worker.threadId, reply.cpuMs ?? 0, reply.threadMs ?? 0);
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

  /** Stops every worker (queued jobs are left unanswered: call it when nothing waits). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

/**
 * Runs a task on this thread (workers off or unavailable), then frees its native memory, as
 * a worker does after each task.
 */
export async function runHere<I, O>(task: Task<I, O>, input: I): Promise<O> {
  const output = await task.run(input);
  await releaseNativeMemory();
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

/**
 * Frees the native memory of the task just run: a minor collection finds its resvg images
 * unreachable, and a turn of the loop runs their finalizers. A cold 1,000-note build with 3
 * charts a note, 3 alternating builds each: peak RSS 1,446-1,521 MiB (median 1,464) against
 * 1,772-1,866 (median 1,778) with the turn alone, wall 92-101 s against 91-99 s.
 */
export async function releaseNativeMemory(): Promise<void> {
  collectYoungGarbage();
  await turnEventLoop();
}
