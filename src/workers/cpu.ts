/**
 * Where a build's CPU time goes: the main thread, each kind of worker task, the worker
 * threads in all, the whole process. `ASSAY_BUILD_STATS=1` logs it (see chart-assets);
 * thread times are far steadier than wall time on a shared machine, so benchmarks compare them.
 */
import type { TaskName } from './tasks.ts';

/** CPU time of the current thread in milliseconds (0 where Node cannot tell: before 23.9). */
export function threadCpuMs(): number {
  if (typeof process.threadCpuUsage !== 'function') return 0;
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** Tasks run on worker threads and the CPU time they took, by task name, since the process started. */
export type WorkerCpu = Partial<Record<TaskName, { tasks: number; cpuMs: number }>>;

interface Account {
  tasks: WorkerCpu;
  /** Each worker thread's CPU time as of its last reply, by thread id: the threads' whole cost. */
  threads: Map<number, number>;
}

// Shared through globalThis, like the worker pools: every bundled copy of this module counts into one.
const ACCOUNT = Symbol.for('assay.worker-cpu');

function account(): Account {
  const global = globalThis as { [ACCOUNT]?: Account };
  global[ACCOUNT] ??= { tasks: {}, threads: new Map() };
  return global[ACCOUNT];
}

/** Records a finished task: its own CPU time, and its thread's total as of the reply. */
export function recordTaskCpu(task: TaskName, threadId: number, cpuMs: number, threadMs: number): void {
  const { tasks, threads } = account();
  const spent = tasks[task] ?? { tasks: 0, cpuMs: 0 };
  spent.tasks += 1;
  spent.cpuMs += cpuMs;
  tasks[task] = spent;
  threads.set(threadId, threadMs);
}

/** What worker threads have done so far, by task. */
export function workerCpu(): WorkerCpu {
  return account().tasks;
}

/** One log line: process (and its kernel share: file creation, page faults), main thread, worker tasks (count and time per task), worker threads in all. */
export function cpuStatsLine(phase: string): string {
  const { user, system } = process.cpuUsage();
  const spent = Object.entries(workerCpu());
  const perTask = spent
    .map(([task, { tasks, cpuMs }]) => `${task} ${tasks} × ${(cpuMs / Math.max(1, tasks)).toFixed(1)} ms`)
    .join(', ');
  const tasksMs = spent.reduce((sum, [, { cpuMs }]) => sum + cpuMs, 0);
  const threadsMs = [...account().threads.values()].reduce((sum, ms) => sum + ms, 0);
  return `CPU ${phase}: process ${Math.round((user + system) / 1000)} ms (kernel ${Math.round(system / 1000)} ms), main thread ${Math.round(threadCpuMs())} ms, worker tasks ${Math.round(tasksMs)} ms (${perTask || 'none'}), worker threads in all ${Math.round(threadsMs)} ms`;
}
