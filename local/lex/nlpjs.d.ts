// The slice of NLP.js (@nlpjs/*, plain JavaScript without bundled types) the local Lex NLU uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Container;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module '@nlpjs/nlu' {
  import type { Container } from '@nlpjs/core';
  export interface NluClassification {
    intent: string;
    score: number;
  }
  export interface NeuralNluSettings {
    locale?: string;
    log?: boolean;
    useNoneFeature?: boolean;
    keepStopwords?: boolean;
    /** Weight each unseen word adds to the None class (see Nlu.textToFeatures). */
    nonedeltaValue?: number;
    spellCheck?: boolean;
    iterations?: number;
    errorThresh?: number;
    learningRate?: number;
  }
  export class NluNeural {
    constructor(settings: NeuralNluSettings, container: Container);
    train(corpus: { utterance: string; intent: string }[], settings?: NeuralNluSettings): Promise<unknown>;
    process(utterance: string, settings?: NeuralNluSettings): Promise<{ classifications: NluClassification[] }>;
    /** Normalised, tokenised, stemmed: `{ stem: 1 }`. */
    prepare(utterance: string): Promise<Record<string, number>>;
  }
}
