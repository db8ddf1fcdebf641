/** Entry of a worker thread: runs tasks from src/workers/tasks.ts for the pool in pool.ts. */
import { parentPort } from 'node:worker_threads';
import { threadCpuMs } from './cpu.ts';
import { serialiseError, type TaskReply, type TaskRequest, turnEventLoop } from './pool.ts';
import { tasks } from './tasks.ts';

parentPort?.on('message', async (request: TaskRequest) => {
  let reply: TaskReply;
  const transfer: ArrayBuffer[] = [];
  const started = threadCpuMs();
  try {
    const output = await tasks[request.task](request.input as never);
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
  await turnEventLoop();
  parentPort?.postMessage(reply, transfer);
});
