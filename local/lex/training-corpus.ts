// Turns a locale's sample utterances into NLU training sentences. Lex learns slot *positions*
// from "{PickupCity}"; a bag-of-words classifier needs words, so each reference is replaced by
// example values — the slot's own examples, else its custom type's values and synonyms, else a
// few typical values of the built-in type — rotating so each utterance yields several sentences.
import type { LocaleDefinition, SlotDefinition } from '../../voice/bot-model';
import { slotReferences } from '../../voice/bot-model';

const BUILT_IN_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  'AMAZON.Date': ['tomorrow', 'today', 'Monday', 'next Friday', 'the 3rd of December'],
  'AMAZON.Time': ['10am', '2pm', 'noon', 'the morning', 'half past three'],
  'AMAZON.Number': ['2', 'five', '12'],
  'AMAZON.City': ['Seattle', 'Portland', 'London'],
  'AMAZON.FirstName': ['Maria', 'James'],
  'AMAZON.UKPostalCode': ['SW1A 1AA', 'M1 1AE'],
  'AMAZON.AlphaNumeric': ['AB123', 'X7Y8'],
  'AMAZON.Confirmation': ['yes', 'no'],
  'AMAZON.StreetName': ['Pine Street', 'Main Street'],
};

export interface TrainingSentence {
  utterance: string;
  intent: string;
}

export function exampleValues(locale: LocaleDefinition, slot: SlotDefinition): readonly string[] {
  if (slot.examples?.length) return slot.examples;
  const custom = locale.slotTypes.find((type) => type.name === slot.slotTypeName);
  if (custom?.kind === 'regex') return custom.examples;
  if (custom?.kind === 'custom') {
    // Values are codes (EXTRA_LARGE); what callers say are the synonyms.
    return custom.values.flatMap((value) => value.synonyms.slice(0, 3));
  }
  return BUILT_IN_EXAMPLES[slot.slotTypeName] ?? ['something'];
}

/**
 * Every sample utterance of every intent, with references filled in `variants` ways.
 * Deterministic: the n-th variant of an utterance takes the n-th example of each slot (offset by
 * the slot's position so two references to similar slots do not always get the same value).
 */
export function trainingCorpus(locale: LocaleDefinition, variants = 2): TrainingSentence[] {
  const sentences: TrainingSentence[] = [];
  const seen = new Set<string>();
  for (const intent of locale.intents) {
    for (const sample of intent.sampleUtterances) {
      const references = slotReferences(sample);
      const count = references.length ? variants : 1;
      for (let variant = 0; variant < count; variant++) {
        let position = 0;
        const utterance = sample.replace(/\{([^}]+)\}/g, (_, slotName: string) => {
          const slot = intent.slots.find((candidate) => candidate.name === slotName);
          const examples = slot ? exampleValues(locale, slot) : ['something'];
          return examples[(variant * 7 + position++ * 3) % examples.length];
        });
        const key = `${intent.name}\u0000${utterance.toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        sentences.push({ utterance, intent: intent.name });
      }
    }
  }
  return sentences;
}
