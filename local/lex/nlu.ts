// Intent classification for the local Lex runtime: an NLP.js neural classifier (@nlpjs/nlu's
// NluNeural over the English tokenizer and stemmer of @nlpjs/lang-en-min) trained from the bot
// definition's sample utterances. Training takes a fraction of a second to a couple of seconds,
// so each locale is trained once per process and shared by every runtime that serves it.
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { NluNeural } from '@nlpjs/nlu';
import type { LocaleDefinition } from '../../voice/bot-model';
import { trainingCorpus } from './training-corpus';

export interface IntentScore {
  intent: string;
  /** 0..1, the scores of all intents summing to about 1. */
  score: number;
}

export interface IntentClassifier {
  readonly localeId: string;
  readonly trainingSentences: number;
  readonly trainingMs: number;
  /** Known intents, best first; empty when no word of the input was seen in training. */
  classify(text: string): Promise<IntentScore[]>;
}

const NONE = 'None';

class NeuralIntentClassifier implements IntentClassifier {
  constructor(
    readonly localeId: string,
    private readonly nlu: NluNeural,
    readonly trainingSentences: number,
    readonly trainingMs: number,
  ) {}

  async classify(text: string): Promise<IntentScore[]> {
    if (text.trim() === '') return [];
    const { classifications } = await this.nlu.process(text);
    return classifications.filter((entry) => entry.intent !== NONE && entry.score > 0).map((entry) => ({ intent: entry.intent, score: entry.score }));
  }
}

export async function trainIntentClassifier(locale: LocaleDefinition): Promise<IntentClassifier> {
  const started = performance.now();
  const container = containerBootstrap();
  container.use(LangEn);
  // useNoneFeature: words never seen in training push the input towards None, which is what
  // lets out-of-scope requests ("order a pizza") fall below the confidence threshold.
  const nlu = new NluNeural({ locale: 'en', log: false, useNoneFeature: true }, container);
  const corpus = trainingCorpus(locale);
  await nlu.train(corpus);
  return new NeuralIntentClassifier(locale.localeId, nlu, corpus.length, performance.now() - started);
}

// One trained classifier per locale object per process: the definition is immutable data, so
// identity is a safe cache key and a changed definition (a new object) trains afresh.
const trained = new WeakMap<LocaleDefinition, Promise<IntentClassifier>>();

export function intentClassifierFor(locale: LocaleDefinition): Promise<IntentClassifier> {
  let classifier = trained.get(locale);
  if (!classifier) {
    classifier = trainIntentClassifier(locale);
    trained.set(locale, classifier);
    // A failed training must not poison the cache.
    classifier.catch(() => trained.delete(locale));
  }
  return classifier;
}
