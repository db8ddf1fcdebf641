import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const PAGE_BYTES = 4096;
const CLOCK_TICKS = 100;
const GNU_TIME = '/usr/bin/time';

/** One process of a tree as /proc shows it now. */
interface ProcessSample {
  pid: number;
  rssBytes: number;
  /** User and system CPU time of the process so far (its own threads), in ms. */
  cpuMs: number;
}

function readProcess(pid: number): ProcessSample | undefined {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime is
    // field 14, stime 15 (1-based), i.e. 11 and 12 after the state field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid, rssBytes: Number(statm[1]) * PAGE_BYTES, cpuMs: (ticks * 1000) / CLOCK_TICKS };
  } catch {
    return undefined; // exited between listing and reading
  }
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Every live process of the tree rooted at `pid` (itself included). */
export function processTree(pid: number): ProcessSample[] {
  const found: ProcessSample[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    const sample = readProcess(next);
    if (sample) found.push(sample);
    queue.push(...children(next));
  }
  return found;
}

/** Peak memory of a process tree, sampled every `intervalMs` until stopped. */
export interface RssSampler {
  /** Largest sum of the tree's RSS seen, in bytes. */
  peakTreeBytes(): number;
  /** Largest RSS of any one process of the tree seen, in bytes. */
  peakProcessBytes(): number;
  /** The tree's RSS now, in bytes. */
  currentTreeBytes(): number;
  /** CPU time of every process seen, at its last sample, in ms (a lower bound: it misses each process's last interval). */
  cpuMs(): number;
  stop(): void;
}

/**
 * Samples a process tree's RSS from /proc every `intervalMs` (Linux only). The tree, not one
 * process: `npm run build` is a shell running astro and then Pagefind's binary.
 */
export function sampleRss(pid: number, intervalMs = 250): RssSampler {
  let peakTree = 0;
  let peakProcess = 0;
  let current = 0;
  const cpu = new Map<number, number>();
  const sample = () => {
    const tree = processTree(pid);
    current = tree.reduce((sum, process) => sum + process.rssBytes, 0);
    peakTree = Math.max(peakTree, current);
    for (const process of tree) {
      peakProcess = Math.max(peakProcess, process.rssBytes);
      cpu.set(process.pid, process.cpuMs);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    peakTreeBytes: () => peakTree,
    peakProcessBytes: () => peakProcess,
    currentTreeBytes: () => {
      sample();
      return current;
    },
    cpuMs: () => [...cpu.values()].reduce((sum, ms) => sum + ms, 0),
    stop: () => clearInterval(timer),
  };
}

/** What one measured command took. */
export interface Measurement {
  wallMs: number;
  /** User + system CPU time of the whole tree (GNU time, which counts every waited-for descendant). */
  cpuMs: number;
  /** Peak RSS of the largest single process (GNU time's maximum resident set size). */
  peakProcessBytes: number;
  /** Peak of the tree's summed RSS, sampled every 250 ms. */
  peakTreeBytes: number;
  /** Whether CPU and the largest process's peak come from GNU time (else from the samples). */
  exact: boolean;
  output: string;
}

/**
 * Runs `command` in a shell, as `npm run build` runs its script, and measures it: wall time,
 * CPU time and peak RSS of the whole process tree. GNU time (`/usr/bin/time`) gives exact CPU
 * and per-process peak RSS from the kernel's accounting; without it, the 250 ms samples do.
 */
export async function measureCommand(
  command: string,
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Measurement> {
  const exact = existsSync(GNU_TIME);
  const scratch = mkdtempSync(path.join(tmpdir(), 'assay-measure-'));
  const timeFile = path.join(scratch, 'time.txt');
  const [file, args] = exact
    ? [GNU_TIME, ['-o', timeFile, '-f', '%e %U %S %M', 'sh', '-c', command]]
    : ['sh', ['-c', command]];
  const started = performance.now();
  const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = sampleRss(child.pid as number);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  sampler.stop();
  const output = Buffer.concat(chunks).toString('utf8');
  try {
    if (status !== 0) throw new Error(`${command} failed (exit ${status}) in ${cwd}:\n${output.slice(-4000)}`);
    if (!exact)
      return {
        wallMs,
        cpuMs: sampler.cpuMs(),
        peakProcessBytes: sampler.peakProcessBytes(),
        peakTreeBytes: sampler.peakTreeBytes(),
        exact,
        output,
      };
    const [, user, system, maxKiB] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number) as number[];
    return {
      wallMs,
      cpuMs: ((user as number) + (system as number)) * 1000,
      peakProcessBytes: (maxKiB as number) * 1024,
      peakTreeBytes: Math.max(sampler.peakTreeBytes(), (maxKiB as number) * 1024),
      exact,
      output,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
