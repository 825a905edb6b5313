// `npm run bench:voice`: server-side latency of a voice turn — contact flow → Lex runtime (NLU,
// slots, dialog) → voiceCodeHook Lambda → DynamoDB Local (and, on a booking's confirmation, the
// booking saga) → reply — with 20 callers talking at once to a local cloud started for the run.
// Each caller places calls one after another through the call API: tracking, feedback, a full
// booking, help and misunderstandings, in a realistic mix. "Server-side" is the time the call API
// measured for the turn (turnMs); the client's round trip is printed too.
// Options: --callers N (default 20), --calls N per caller (default 12), --warmup N (default 2 per caller),
// --mix track,feedback,book,help (the kinds of call callers cycle through), --think-ms N (pause before
// each utterance, default 500; 0 = every caller speaks again at once, a throughput test).
import { DEFAULT_BUSINESS_RULES } from '../functions/domain/business-rules';
import { upcomingBookableWindows } from '../functions/domain/pickup-windows';
import { numberOption, percentile, runBenchmark, startBenchCloud } from './support';

const CALLERS = numberOption('callers', 20);
const CALLS = numberOption('calls', 12);
const WARMUP = numberOption('warmup', 2);
/**
 * Pause before each caller utterance, randomised ±50%. People take seconds to answer on the phone;
 * 500 ms keeps the load well above a real line's while measuring latency rather than a saturated
 * queue. --think-ms 0 measures throughput instead: every caller fires the next turn at once.
 */
const THINK_MS = numberOption('think-ms', 500);
const mixIndex = process.argv.indexOf('--mix');
/** The kinds of call each caller cycles through; --mix track,feedback restricts it. */
const MIX = (mixIndex >= 0 ? process.argv[mixIndex + 1].split(',') : ['track', 'feedback', 'track', 'book', 'help', 'feedback']) as Kind[];

type Kind = 'track' | 'feedback' | 'book' | 'help';
interface Sample {
  kind: Kind;
  /** The turn that ran the booking saga (confirmation of a booking). */
  saga: boolean;
  serverMs: number;
  clientMs: number;
}

async function main(): Promise<void> {
  process.stdout.write('Starting a local cloud for the benchmark…\n');
  const cloud = await startBenchCloud();
  // The test support's fixtures (bookings moved to a status, the call API client) read the connection from here.
  process.env.LOCAL_CLOUD = cloud.connectionJson;
  const { arrangeBooking, placeCall, say, setWindowCapacity, spelled } = await import('../tests/support/voice-calls');
  try {
    const windows = upcomingBookableWindows(new Date(), DEFAULT_BUSINESS_RULES, 200);
    // Bookings go into windows 20+ places ahead (the first ones may start too soon), each opened wide.
    const bookingOffsets = Array.from({ length: 8 }, (_, index) => 17 + index);
    for (const offset of bookingOffsets) await setWindowCapacity(offset, 1000);
    const spoken = (offset: number) => {
      const window = windows[3 + offset];
      const hour = Number(window.startLocal.slice(0, 2));
      const date = new Date(`${window.date}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
      return { date, time: `${hour % 12 || 12} ${hour < 12 ? 'am' : 'pm'}` };
    };

    process.stdout.write(`Preparing deliveries for ${CALLERS} callers to ask about…\n`);
    const fixtures: { assigned: string; delivered: string }[] = [];
    for (let caller = 0; caller < CALLERS; caller++) {
      const phone = `+1206556${String(1000 + caller).slice(-4)}`;
      fixtures.push({
        assigned: await arrangeBooking({ status: 'ASSIGNED', window: 26 + (caller % 4), phone }),
        delivered: await arrangeBooking({ status: 'DELIVERED', window: 30 + (caller % 4), phone }),
      });
    }

    const samples: Sample[] = [];
    let conversations = 0;
    const converse = async (caller: number, n: number, record: boolean) => {
      const phone = `+1206557${String(1000 + caller).slice(-4)}`;
      const kind = MIX[(caller + n) % MIX.length];
      const { date, time } = spoken(bookingOffsets[(caller + n) % bookingOffsets.length]);
      const scripts: Record<Kind, string[]> = {
        track: ['where is my parcel', spelled(fixtures[caller].assigned), 'no thanks'],
        feedback: ['I would like to leave some feedback', spelled(fixtures[caller].delivered), 'a complaint', 'the box was dented on one corner', 'low', 'no thanks'],
        book: [
          'I need to send a parcel from Seattle to Bellevue',
          '1200 Pine Street',
          '98101',
          '500 108th Ave NE',
          '98004',
          'medium',
          '12 pounds',
          'no',
          date,
          time,
          'Maria',
          'yes',
          'no thanks',
        ],
        help: ['what can you do', 'asdf qwerty', 'track my parcel', spelled(fixtures[caller].assigned), 'goodbye'],
      };
      const call = await placeCall({ from: phone });
      for (const text of scripts[kind]) {
        if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
        const started = performance.now();
        const turn = await say(call.callId, text);
        const clientMs = performance.now() - started;
        if (record) samples.push({ kind, saga: kind === 'book' && text === 'yes', serverMs: turn.turnMs, clientMs });
        if (turn.ended) break;
      }
      if (record) conversations++;
    };
    const run = (perCaller: number, record: boolean) =>
      Promise.all(
        Array.from({ length: CALLERS }, async (_, caller) => {
          for (let n = 0; n < perCaller; n++) await converse(caller, record ? n + WARMUP : n, record);
        }),
      );

    process.stdout.write(`Warming up (${WARMUP} calls per caller)…\n`);
    await run(WARMUP, false);
    process.stdout.write(`${CALLERS} callers, ${CALLS} calls each…\n\n`);
    const started = performance.now();
    await run(CALLS, true);
    const seconds = (performance.now() - started) / 1000;

    const stats = (selected: Sample[], field: 'serverMs' | 'clientMs') => {
      const sorted = selected.map((sample) => sample[field]).sort((a, b) => a - b);
      return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
    };
    const row = (label: string, selected: Sample[], field: 'serverMs' | 'clientMs' = 'serverMs') => {
      if (selected.length === 0) return `  ${label.padEnd(34)} ${'0'.padStart(6)}`;
      const s = stats(selected, field);
      return `  ${label.padEnd(34)} ${String(s.n).padStart(6)}   ${s.p50.toFixed(1).padStart(6)}   ${s.p95.toFixed(1).padStart(6)}   ${s.p99.toFixed(1).padStart(6)}   ${s.max.toFixed(1).padStart(7)}`;
    };
    const withoutSaga = samples.filter((sample) => !sample.saga);
    const lines = [
      `Voice turn latency, ${CALLERS} concurrent callers (contact flow → Lex runtime → code hook → DynamoDB Local)`,
      `  ${conversations} calls, ${samples.length} turns in ${seconds.toFixed(1)} s (${(samples.length / seconds).toFixed(0)} turns/s), callers pause ${THINK_MS} ms ±50% before speaking`,
      `  Node ${process.versions.node}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} at the end`,
      '',
      `  ${'server-side, ms'.padEnd(34)} ${'turns'.padStart(6)}   ${'p50'.padStart(6)}   ${'p95'.padStart(6)}   ${'p99'.padStart(6)}   ${'max'.padStart(7)}`,
      row('all turns', samples),
      row('all but booking confirmations', withoutSaga),
      row('  tracking calls', withoutSaga.filter((sample) => sample.kind === 'track')),
      row('  feedback calls (store + notify)', withoutSaga.filter((sample) => sample.kind === 'feedback')),
      row('  booking dialog (geocode, windows)', withoutSaga.filter((sample) => sample.kind === 'book')),
      row('  help and misunderstandings', withoutSaga.filter((sample) => sample.kind === 'help')),
      row('booking confirmation (runs the saga)', samples.filter((sample) => sample.saga)),
      row('client round trip, all turns', samples, 'clientMs'),
      '',
      '  Target (DESIGN.md §7): p95 ≤ 25 ms, p99 ≤ 50 ms per turn.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await cloud.stop();
  }
}

runBenchmark(main);
