/**
 * Entry of a worker thread: runs the tasks listed here for the pool in pool.ts. The one place
 * that knows every feature's tasks; a task module imports only the pool's `defineTask`.
 */
import { parentPort } from 'node:worker_threads';
import { chartTask, pngTask } from '../charts/tasks.ts';
import { ogCardTask } from '../og/tasks.ts';
import { threadCpuMs } from './cpu.ts';
import { releaseNativeMemory, serialiseError, type Task, type TaskReply, type TaskRequest } from './pool.ts';

const tasks = new Map<string, Task<never, unknown>>([chartTask, pngTask, ogCardTask].map((task) => [task.name, task]));

parentPort?.on('message', async (request: TaskRequest) => {
  let reply: TaskReply;
  const transfer: ArrayBuffer[] = [];
  const started = threadCpuMs();
  try {
    const task = tasks.get(request.task);
    if (!task) throw new Error(`no task "${request.task}" in src/workers/render-worker.ts`);
    const output = await task.run(request.input as never);
    // Bytes move to the main thread instead of being copied.
    if (
      output instanceof Uint8Array &&
      output.buffer instanceof ArrayBuffer &&
      output.byteOffset === 0 &&
      output.byteLength === output.buffer.byteLength
    )
      transfer.push(output.buffer);
    reply = { id: request.id, output };
  } catch (error) {
    reply = { id: request.id, error: serialiseError(error) };
  }
  // Tasks run to completion one at a time (none awaits real I/O), so this is the task's own time.
  reply.threadMs = threadCpuMs();
  reply.cpuMs = reply.threadMs - started;
  // Before the reply, so the next queued task starts after native memory is freed.
  await releaseNativeMemory();
  parentPort?.postMessage(reply, transfer);
});
