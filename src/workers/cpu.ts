/**
 * Where a build's CPU time goes: the main thread, each kind of worker task, the worker
 * threads in all, the whole process. `ASSAY_BUILD_STATS=1` logs it (see chart-assets);
 * thread times are far steadier than wall time on a shared machine, so benchmarks compare them.
 */

/** CPU time of the current thread in milliseconds (0 where Node cannot tell: before 23.9). */
export function threadCpuMs(): number {
  if (typeof process.threadCpuUsage !== 'function') return 0;
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** Tasks run on worker threads and the CPU time they took, by task name. */
export type WorkerCpu = Record<string, { tasks: number; cpuMs: number }>;

/** The worker threads' CPU time of one build (its runtime, src/runtime/, holds one). */
export class CpuAccount {
  readonly tasks: WorkerCpu = {};
  /** Each worker thread's CPU time as of its last reply, by thread id: the threads' whole cost. */
  private readonly threads = new Map<number, number>();

  /** Records a finished task: its own CPU time, and its thread's total as of the reply. */
  record(task: string, threadId: number, cpuMs: number, threadMs: number): void {
    const spent = this.tasks[task] ?? { tasks: 0, cpuMs: 0 };
    spent.tasks += 1;
    spent.cpuMs += cpuMs;
    this.tasks[task] = spent;
    this.threads.set(threadId, threadMs);
  }

  /** One log line: process (and its kernel share: file creation, page faults), main thread, worker tasks (count and time per task), worker threads in all. */
  statsLine(phase: string): string {
    const { user, system } = process.cpuUsage();
    const spent = Object.entries(this.tasks);
    const perTask = spent
      .map(([task, { tasks, cpuMs }]) => `${task} ${tasks} × ${(cpuMs / Math.max(1, tasks)).toFixed(1)} ms`)
      .join(', ');
    const tasksMs = spent.reduce((sum, [, { cpuMs }]) => sum + cpuMs, 0);
    const threadsMs = [...this.threads.values()].reduce((sum, ms) => sum + ms, 0);
    return `CPU ${phase}: process ${Math.round((user + system) / 1000)} ms (kernel ${Math.round(system / 1000)} ms), main thread ${Math.round(threadCpuMs())} ms, worker tasks ${Math.round(tasksMs)} ms (${perTask || 'none'}), worker threads in all ${Math.round(threadsMs)} ms`;
  }
}
