// `npm run bench:booking`: bookings per second and confirmation latency through the whole
// saga — GraphQL createBooking → Step Functions → validate/geocode, quote, reserve, pay,
// persist, assign, notify, publish → response — on a local cloud started for the run.
// Options: --count N (default 600), --concurrency C (default 16), --warmup N (default 100: the JVM's compiler and the saga-duration estimate settle).
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_BUSINESS_RULES } from '../functions/domain/business-rules';
import { upcomingBookableWindows } from '../functions/domain/pickup-windows';
import { DEMO_PLACES } from '../local/seed/demo-data';
import { measureCpu, numberOption, percentile, runBenchmark, startBenchCloud } from './support';

const COUNT = numberOption('count', 600);
const CONCURRENCY = numberOption('concurrency', 16);
const WARMUP = numberOption('warmup', 100);

const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { reference status } }`;
const SET_CAPACITY = `mutation S($windowId: ID!, $capacity: Int!) { setPickupCapacity(windowId: $windowId, capacity: $capacity) { capacity } }`;

// The demo depot's real places (the same ones `npm start` books).
const ADDRESSES = DEMO_PLACES.slice(0, 5);

async function main(): Promise<void> {
  process.stdout.write(`Starting a local cloud for the benchmark…\n`);
  const cloud = await startBenchCloud();
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
    const cpu = measureCpu(cloud.process.pid!);
    const { results, seconds } = await run(COUNT);
    const cpuLines = cpu.lines(COUNT, 'booking');
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
      ...cpuLines,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await cloud.stop();
  }
}

runBenchmark(main);
