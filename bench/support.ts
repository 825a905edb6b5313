// What every benchmark shares: command-line options, percentiles, a local cloud started for the
// run (optionally CPU-profiled), and the CPU each of its processes used (load-independent figures).
import fs from 'node:fs';
import { spawnLocalCloud, type SpawnedLocalCloud } from '../local/spawn-local-cloud';

/** `--name value` from the command line, as text. */
export function textOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `--name N` from the command line. */
export function numberOption(name: string, fallback: number): number {
  const value = textOption(name);
  return value === undefined ? fallback : Number(value);
}

/** The p-th percentile of ascending `sorted` (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A local cloud for the run; BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of its process there. */
export function startBenchCloud(): Promise<SpawnedLocalCloud> {
  const profileDir = process.env.BENCH_PROFILE_DIR;
  return spawnLocalCloud(profileDir ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } } : {});
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/** The local cloud's process and its children (DynamoDB Local's JVM, cognito-local), by name. */
export function processTree(rootPid: number): { pid: number; name: string }[] {
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const cmdline = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
        const name = cmdline.includes('DynamoDBLocal') ? 'DynamoDB Local (Java)' : cmdline.includes('cognito-local') ? 'cognito-local (Node)' : stat.slice(stat.indexOf('(') + 1, stat.indexOf(')'));
        return { pid: Number(d), ppid: Number(stat.split(') ')[1].split(' ')[1]), name };
      } catch {
        return null;
      }
    })
    .filter((p): p is { pid: number; ppid: number; name: string } => p !== null);
  const tree = [{ pid: rootPid, name: 'local cloud (Node)' }];
  for (let i = 0; i < tree.length; i++) for (const p of all) if (p.ppid === tree[i].pid) tree.push({ pid: p.pid, name: p.name });
  return tree;
}

/** CPU per unit of work of each process of the tree between `start()` and the returned `lines(units)`. */
export function measureCpu(rootPid: number): { lines(units: number, unitName: string): string[] } {
  const tree = processTree(rootPid);
  const before = tree.map((p) => cpuSeconds(p.pid));
  return {
    lines(units, unitName) {
      return tree.flatMap((p, i) => {
        const after = cpuSeconds(p.pid);
        const start = before[i];
        if (start === null || after === null || after - start < 0.05) return [];
        return [`  CPU per ${unitName.padEnd(12)} ${(((after - start) * 1000) / units).toFixed(1)} ms  ${p.name}`];
      });
    },
  };
}

/** Runs a benchmark's main, printing a failure and exiting non-zero. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
