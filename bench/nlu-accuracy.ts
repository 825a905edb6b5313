// `npm run report:nlu`: how well the local Lex NLU recognises intents. Trains on the bot
// definition's sample utterances (as `npm start` does), classifies the held-out utterances of
// voice/nlu-test-utterances.ts with the locale's confidence threshold, and prints per-intent and
// overall accuracy, every confusion, training time and classification latency.
// Options: --locale en_US|en_GB (default: both), --repeat N classification passes for timing (default 20).
import { COURIER_BOT, INTENT_NAMES } from '../voice/bot-definition';
import { NLU_TEST_UTTERANCES } from '../voice/nlu-test-utterances';
import { trainIntentClassifier } from '../local/lex/nlu';
import { percentile, textOption } from './support';

const REPEAT = Number(textOption('repeat') ?? 20);
const LOCALES = COURIER_BOT.locales.filter((locale) => !textOption('locale') || locale.localeId === textOption('locale'));
const FALLBACK = 'FallbackIntent';

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

async function main(): Promise<void> {
  for (const locale of LOCALES) {
    const classifier = await trainIntentClassifier(locale);
    const threshold = locale.nluConfidenceThreshold;
    console.log(`\n${locale.localeId}: trained on ${classifier.trainingSentences} sentences in ${classifier.trainingMs.toFixed(0)} ms (threshold ${threshold})`);

    const confusions: string[] = [];
    const rows: string[] = [];
    let correct = 0;
    let total = 0;
    for (const expected of INTENT_NAMES) {
      const utterances = NLU_TEST_UTTERANCES[expected];
      let right = 0;
      for (const utterance of utterances) {
        const [top] = await classifier.classify(utterance);
        const predicted = top && top.score >= threshold ? top.intent : FALLBACK;
        if (predicted === expected) right++;
        else confusions.push(`  ${expected} → ${predicted} (${top ? top.score.toFixed(2) : '—'}): "${utterance}"`);
      }
      correct += right;
      total += utterances.length;
      rows.push(`  ${expected.padEnd(22)} ${String(right).padStart(3)}/${String(utterances.length).padEnd(3)} ${pct(right, utterances.length).padStart(8)}`);
    }
    console.log(rows.join('\n'));
    console.log(`  ${'overall'.padEnd(22)} ${String(correct).padStart(3)}/${String(total).padEnd(3)} ${pct(correct, total).padStart(8)}`);
    console.log(confusions.length ? `confusions:\n${confusions.join('\n')}` : 'confusions: none');

    // Latency: every held-out utterance, REPEAT times, after one warm-up pass.
    const all = INTENT_NAMES.flatMap((name) => NLU_TEST_UTTERANCES[name]);
    for (const utterance of all) await classifier.classify(utterance);
    const timings: number[] = [];
    for (let pass = 0; pass < REPEAT; pass++) {
      for (const utterance of all) {
        const started = performance.now();
        await classifier.classify(utterance);
        timings.push(performance.now() - started);
      }
    }
    timings.sort((a, b) => a - b);
    const mean = timings.reduce((sum, value) => sum + value, 0) / timings.length;
    console.log(`classification: ${timings.length} calls, mean ${mean.toFixed(3)} ms, p95 ${percentile(timings, 95).toFixed(3)} ms, max ${timings.at(-1)!.toFixed(3)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
