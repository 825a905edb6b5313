// Intent classification for the local Lex runtime, trained from the bot definition's sample
// utterances (training-corpus.ts). Two views of the same training sentences are combined:
//  - an NLP.js neural classifier (@nlpjs/nlu NluNeural over @nlpjs/lang-en-min's tokenizer and
//    stemmer), which learns which words point to which intent but over-trusts single words
//    shared by several intents ("driver", "came");
//  - nearest-sample similarity (TF-IDF cosine to the closest training sentences of each intent),
//    which rewards resemblance to a whole phrase, the way Lex generalises from its samples.
// Averaging the two measured best on the held-out utterances (bench/nlu-accuracy.ts). Training
// takes tens of milliseconds; each locale is still trained once per process and shared.
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { NluNeural } from '@nlpjs/nlu';
import type { LocaleDefinition } from '../../voice/bot-model';
import { trainingCorpus, type TrainingSentence } from './training-corpus';

export interface IntentScore {
  intent: string;
  /** 0..1. */
  score: number;
}

export interface IntentClassifier {
  readonly localeId: string;
  readonly trainingSentences: number;
  readonly trainingMs: number;
  /** Intents with a non-zero score, best first; empty when nothing of the input was seen in training. */
  classify(text: string): Promise<IntentScore[]>;
}

/** Weight of the neural score in the combined confidence; the rest is nearest-sample similarity. */
const NEURAL_WEIGHT = 0.6;
/** How many of an intent's most similar training sentences its similarity averages. */
const NEAREST_SAMPLES = 2;
/**
 * How strongly each word never seen in training pushes NLP.js towards its "None" class. Its
 * default (intents ÷ features) is tiny for a vocabulary this size and lets "order a pizza"
 * score as a booking.
 */
const UNKNOWN_WORD_WEIGHT = 0.3;
const NONE = 'None';

type SparseVector = Map<string, number>;

class SimilarityIndex {
  private readonly documentFrequency = new Map<string, number>();
  private readonly samples: { intent: string; vector: SparseVector }[] = [];
  private readonly count: number;

  constructor(tokenized: { intent: string; tokens: string[] }[]) {
    for (const { tokens } of tokenized) for (const token of new Set(tokens)) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
    this.count = tokenized.length;
    for (const { intent, tokens } of tokenized) this.samples.push({ intent, vector: this.vector(tokens) });
  }

  vector(tokens: string[]): SparseVector {
    const vector: SparseVector = new Map();
    for (const token of tokens) {
      const idf = Math.log((this.count + 1) / ((this.documentFrequency.get(token) ?? 0) + 1)) + 1;
      vector.set(token, (vector.get(token) ?? 0) + idf);
    }
    const norm = Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
    for (const [token, value] of vector) vector.set(token, value / norm);
    return vector;
  }

  /** Mean cosine similarity of the input to each intent's NEAREST_SAMPLES closest sentences. */
  scores(tokens: string[]): Map<string, number> {
    const query = this.vector(tokens);
    const byIntent = new Map<string, number[]>();
    for (const sample of this.samples) {
      let similarity = 0;
      for (const [token, weight] of query) similarity += weight * (sample.vector.get(token) ?? 0);
      let list = byIntent.get(sample.intent);
      if (!list) byIntent.set(sample.intent, (list = []));
      list.push(similarity);
    }
    const result = new Map<string, number>();
    for (const [intent, similarities] of byIntent) {
      const nearest = similarities.sort((a, b) => b - a).slice(0, NEAREST_SAMPLES);
      result.set(intent, nearest.reduce((sum, value) => sum + value, 0) / nearest.length);
    }
    return result;
  }
}

class CombinedIntentClassifier implements IntentClassifier {
  constructor(
    readonly localeId: string,
    private readonly nlu: NluNeural,
    private readonly contentTokens: (text: string) => Promise<string[]>,
    private readonly similarity: SimilarityIndex,
    readonly trainingSentences: number,
    readonly trainingMs: number,
  ) {}

  async classify(text: string): Promise<IntentScore[]> {
    if (text.trim() === '') return [];
    const [{ classifications }, tokens] = await Promise.all([this.nlu.process(text), this.contentTokens(text)]);
    const similarities = this.similarity.scores(tokens);
    const neural = new Map(classifications.filter((entry) => entry.intent !== NONE).map((entry) => [entry.intent, entry.score]));
    const scores: IntentScore[] = [];
    for (const intent of new Set([...neural.keys(), ...similarities.keys()])) {
      const score = NEURAL_WEIGHT * (neural.get(intent) ?? 0) + (1 - NEURAL_WEIGHT) * (similarities.get(intent) ?? 0);
      if (score > 0) scores.push({ intent, score: Math.min(1, score) });
    }
    return scores.sort((a, b) => b.score - a.score);
  }
}

export async function trainIntentClassifier(locale: LocaleDefinition, corpus: TrainingSentence[] = trainingCorpus(locale)): Promise<IntentClassifier> {
  const started = performance.now();
  const container = containerBootstrap();
  container.use(LangEn);
  const stopwords = container.get('stopwords-en') as { isStopword(token: string): boolean };
  const nlu = new NluNeural({ locale: 'en', log: false, useNoneFeature: true, nonedeltaValue: UNKNOWN_WORD_WEIGHT }, container);
  await nlu.train(corpus);
  // Stems without stopwords: "where is my parcel" and "parcel where" should look alike.
  const contentTokens = async (text: string) => Object.keys(await nlu.prepare(text)).filter((token) => !stopwords.isStopword(token));
  const tokenized = await Promise.all(corpus.map(async (sentence) => ({ intent: sentence.intent, tokens: await contentTokens(sentence.utterance) })));
  const similarity = new SimilarityIndex(tokenized);
  return new CombinedIntentClassifier(locale.localeId, nlu, contentTokens, similarity, corpus.length, performance.now() - started);
}

// One trained classifier per locale object per process: the definition is immutable data, so
// identity is a safe cache key, and a changed definition (a new object) trains afresh.
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
