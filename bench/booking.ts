// `npm run bench:booking`: bookings per second and confirmation latency through the whole
// saga — GraphQL createBooking → Step Functions → validate/geocode, quote, reserve, pay,
// persist, assign, notify, publish → response — on a local cloud started for the run.
// Options: --count N (default 600), --concurrency C (default 16), --warmup N (default 30).
import fs from 'node:fs';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_BUSINESS_RULES } from '../functions/domain/business-rules';
import { upcomingBookableWindows } from '../functions/domain/pickup-windows';
import { DEMO_PLACES } from '../local/seed/demo-data';
import { spawnLocalCloud } from '../local/spawn-local-cloud';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const COUNT = option('count', 600);
const CONCURRENCY = option('concurrency', 16);
const WARMUP = option('warmup', 30);

const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { reference status } }`;
const SET_CAPACITY = `mutation S($windowId: ID!, $capacity: Int!) { setPickupCapacity(windowId: $windowId, capacity: $capacity) { capacity } }`;

// The demo depot's real places (the same ones `npm start` books).
const ADDRESSES = DEMO_PLACES.slice(0, 5);

/** CPU seconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/** The local cloud's process and its children (DynamoDB Local's JVM, cognito-local), by name. */
function processTree(rootPid: number): { pid: number; name: string }[] {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      return { pid: Number(d), ppid: Number(stat.split(') ')[1].split(' ')[1]), name: fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('DynamoDBLocal') ? 'DynamoDB Local (Java)' : stat.slice(stat.indexOf('(') + 1, stat.indexOf(')')) };
    } catch {
      return null;
    }
  }).filter((p): p is { pid: number; ppid: number; name: string } => p !== null);
  const tree = [{ pid: rootPid, name: 'local cloud (Node)' }];
  for (let i = 0; i < tree.length; i++) for (const p of all) if (p.ppid === tree[i].pid) tree.push({ pid: p.pid, name: p.name });
  return tree;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  process.stdout.write(`Starting a local cloud for the benchmark…\n`);
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of the local cloud process there.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const cloud = await spawnLocalCloud(profileDir ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } } : {});
  const { connection } = cloud;
  try {
    const cognito = new CognitoIdentityProviderClient({ endpoint: connection.cognito, region: connection.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const admin = connection.users.find((u) => u.groups.includes('admin'))!;
    const auth = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: connection.userPoolClientId, AuthParameters: { USERNAME: admin.username, PASSWORD: admin.password } }),
    );
    cognito.destroy();
    const token = auth.AuthenticationResult!.AccessToken!;
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(connection.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { errorType?: string; message: string }[] };
    };

    // Spread the load over every bookable window, each opened wide enough for its share.
    const windows = upcomingBookableWindows(new Date(), DEFAULT_BUSINESS_RULES, 200).slice(2);
    const perWindow = Math.ceil((COUNT + WARMUP) / windows.length) + 1;
    for (const window of windows) await call(SET_CAPACITY, { windowId: window.id, capacity: perWindow });

    let sequence = 0;
    const book = async () => {
      const n = sequence++;
      const pickup = ADDRESSES[n % ADDRESSES.length];
      const delivery = ADDRESSES[(n + 1 + (n % 3)) % ADDRESSES.length];
      const started = performance.now();
      const result = await call(CREATE_BOOKING, {
        input: {
          idempotencyKey: `bench-${n}`,
          customer: { name: `Bench Customer ${n}`, phone: `+1206${String(5550000 + (n % 9000)).padStart(7, '0')}`, email: `bench${n}@example.com` },
          pickup,
          delivery,
          parcel: { size: n % 4 === 0 ? 'MEDIUM' : 'SMALL', weightKg: 1 + (n % 4), handling: n % 5 === 0 ? ['FRAGILE'] : [] },
          pickupWindowId: windows[n % windows.length].id,
        },
      });
      const latency = performance.now() - started;
      return { latency, ok: Boolean(result.data?.createBooking), error: result.errors?.[0]?.errorType };
    };

    const run = async (count: number) => {
      const results: { latency: number; ok: boolean; error?: string }[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < count) {
            next++;
            results.push(await book());
          }
        }),
      );
      return { results, seconds: (performance.now() - started) / 1000 };
    };

    process.stdout.write(`Warming up with ${WARMUP} bookings…\n`);
    await run(WARMUP);
    process.stdout.write(`Booking ${COUNT} deliveries, ${CONCURRENCY} at a time…\n\n`);
    // CPU used per booking does not depend on what else the machine is doing; throughput does.
    const tree = processTree(cloud.process.pid!);
    const cpuBefore = tree.map((p) => cpuSeconds(p.pid));
    const { results, seconds } = await run(COUNT);
    const cpuAfter = tree.map((p) => cpuSeconds(p.pid));
    const ok = results.filter((r) => r.ok);
    const failures = results.filter((r) => !r.ok);
    const latencies = ok.map((r) => r.latency).sort((a, b) => a - b);
    const byError = new Map<string, number>();
    for (const f of failures) byError.set(f.error ?? 'unknown', (byError.get(f.error ?? 'unknown') ?? 0) + 1);

    const lines = [
      'Booking saga benchmark (GraphQL → Step Functions → 9 Lambda steps → DynamoDB Local)',
      `  bookings confirmed   ${ok.length} of ${results.length}${failures.length ? `  (refused: ${[...byError].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
      `  throughput           ${(ok.length / seconds).toFixed(1)} bookings/s   (target ≥ 50)`,
      `  latency p50          ${percentile(latencies, 50).toFixed(1)} ms`,
      `  latency p95          ${percentile(latencies, 95).toFixed(1)} ms`,
      `  latency p99          ${percentile(latencies, 99).toFixed(1)} ms   (target ≤ 500)`,
      `  latency max          ${latencies[latencies.length - 1].toFixed(1)} ms`,
      `  concurrency          ${CONCURRENCY}, Node ${process.versions.node}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} at the end`,
      ...tree.flatMap((p, i) => {
        const before = cpuBefore[i];
        const after = cpuAfter[i];
        if (before === null || after === null || after - before < 0.05) return [];
        return [`  CPU per booking      ${(((after - before) * 1000) / results.length).toFixed(1)} ms  ${p.name}`];
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await cloud.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
