// Invariants of the bot definition that Lex would reject at build time, or that would make the
// bot worse without failing anything: enough and unique utterances, every {Slot} resolvable,
// every slot askable, regexes Lex accepts, held-out test utterances kept out of training.
import { COURIER_BOT, INTENT_NAMES, messageText, slotReferences, type IntentDefinition, type LocaleDefinition, type MessageGroup } from '../../../voice/bot-definition';
import { NLU_TEST_UTTERANCES } from '../../../voice/nlu-test-utterances';
import { SUPPORTED_BUILT_IN_SLOT_TYPES } from '../../../local/lex/slot-resolvers';
import { trainingCorpus } from '../../../local/lex/training-corpus';
import { normalizeText } from '../../../local/lex/text';

const LEX_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;
/** Lex V2 sample utterances: letters, digits, apostrophes, spaces and {SlotName} references. */
const UTTERANCE_CHARACTERS = /^[A-Za-z0-9' {}]+$/;
const BUSINESS_INTENTS = INTENT_NAMES.filter((name) => name !== 'FallbackIntent');

const locales = COURIER_BOT.locales.map((locale) => [locale.localeId, locale] as const);
const intentsOf = (locale: LocaleDefinition) => locale.intents.filter((intent) => !intent.parentIntentSignature);

function allMessageGroups(intent: IntentDefinition): MessageGroup[] {
  return [
    ...intent.slots.flatMap((slot) => slot.prompt.messageGroups),
    ...(intent.confirmation ? [...intent.confirmation.prompt.messageGroups, ...intent.confirmation.declinationResponse.messageGroups] : []),
    ...(intent.fulfillmentResponses?.success?.messageGroups ?? []),
    ...(intent.fulfillmentResponses?.failure?.messageGroups ?? []),
    ...(intent.closing.response?.messageGroups ?? []),
  ];
}

describe('the courier bot definition', () => {
  it('has en_US first and en_GB second, each with every intent', () => {
    expect(COURIER_BOT.locales.map((locale) => locale.localeId)).toEqual(['en_US', 'en_GB']);
    for (const locale of COURIER_BOT.locales) expect(locale.intents.map((intent) => intent.name).sort()).toEqual([...INTENT_NAMES].sort());
  });

  it('keeps sessions for a phone call length of silence and has a COPPA answer', () => {
    expect(COURIER_BOT.idleSessionTtlInSeconds).toBeGreaterThanOrEqual(60);
    expect(COURIER_BOT.idleSessionTtlInSeconds).toBeLessThanOrEqual(86_400);
    expect(COURIER_BOT.childDirected).toBe(false);
  });

  describe.each(locales)('%s', (_, locale) => {
    it('names intents, slots and slot types the way Lex allows', () => {
      for (const intent of locale.intents) {
        expect(intent.name).toMatch(LEX_NAME);
        for (const slot of intent.slots) expect(slot.name).toMatch(LEX_NAME);
      }
      for (const type of locale.slotTypes) expect(type.name).toMatch(LEX_NAME);
    });

    it('has at least 15 sample utterances per intent, in characters Lex accepts', () => {
      for (const intent of intentsOf(locale)) {
        expect({ intent: intent.name, count: intent.sampleUtterances.length }).toEqual({ intent: intent.name, count: expect.any(Number) });
        expect(intent.sampleUtterances.length).toBeGreaterThanOrEqual(15);
        for (const utterance of intent.sampleUtterances) expect(utterance).toMatch(UTTERANCE_CHARACTERS);
      }
    });

    it('has no utterance in two intents, nor twice in one', () => {
      const owner = new Map<string, string>();
      for (const intent of locale.intents) {
        for (const utterance of intent.sampleUtterances) {
          const key = normalizeText(utterance);
          expect({ utterance, alsoIn: owner.get(key) }).toEqual({ utterance, alsoIn: undefined });
          owner.set(key, intent.name);
        }
      }
    });

    it('gives FallbackIntent its built-in signature and nothing Lex forbids on it', () => {
      const fallback = locale.intents.find((intent) => intent.name === 'FallbackIntent')!;
      expect(fallback.parentIntentSignature).toBe('AMAZON.FallbackIntent');
      expect(fallback.sampleUtterances).toEqual([]);
      expect(fallback.slots).toEqual([]);
      expect(fallback.confirmation).toBeUndefined();
    });

    it('references only slots that exist, and never a free-form slot, in intent utterances', () => {
      for (const intent of locale.intents) {
        const slots = new Map(intent.slots.map((slot) => [slot.name, slot]));
        for (const utterance of intent.sampleUtterances) {
          for (const reference of slotReferences(utterance)) {
            expect({ intent: intent.name, utterance, reference, exists: slots.has(reference) }).toMatchObject({ exists: true });
            expect(slots.get(reference)!.slotTypeName).not.toBe('AMAZON.FreeFormInput');
          }
        }
      }
    });

    it('lets slot-level utterances reference only their own slot, and gives free-form slots none', () => {
      for (const intent of locale.intents) {
        for (const slot of intent.slots) {
          if (slot.slotTypeName === 'AMAZON.FreeFormInput') expect(slot.sampleUtterances ?? []).toEqual([]);
          for (const utterance of slot.sampleUtterances ?? []) {
            expect(utterance).toMatch(UTTERANCE_CHARACTERS);
            expect(slotReferences(utterance)).toEqual([slot.name]);
          }
        }
      }
    });

    it('gives every slot a prompt with retries, within Lex message limits', () => {
      for (const intent of locale.intents) {
        for (const slot of intent.slots) {
          expect(slot.prompt.messageGroups.length).toBeGreaterThanOrEqual(1);
          expect(slot.prompt.maxRetries).toBeGreaterThanOrEqual(1);
          expect(slot.prompt.maxRetries).toBeLessThanOrEqual(5);
          expect(slot.description.length).toBeGreaterThan(0);
        }
        for (const group of allMessageGroups(intent)) expect(group.variations?.length ?? 0).toBeLessThanOrEqual(2);
      }
    });

    it('only names slots of the same intent inside its messages', () => {
      for (const intent of locale.intents) {
        const names = new Set(intent.slots.map((slot) => slot.name));
        for (const group of allMessageGroups(intent)) {
          for (const message of [group.message, ...(group.variations ?? [])]) {
            for (const reference of slotReferences(messageText(message))) expect({ intent: intent.name, reference, exists: names.has(reference) }).toMatchObject({ exists: true });
            if ('ssml' in message) expect(message.ssml).toMatch(/^<speak>[\s\S]*<\/speak>$/);
          }
        }
      }
    });

    it('uses only slot types it defines or built-ins the local runtime resolves', () => {
      const defined = new Set(locale.slotTypes.map((type) => type.name));
      for (const intent of locale.intents) {
        for (const slot of intent.slots) {
          const known = defined.has(slot.slotTypeName) || (SUPPORTED_BUILT_IN_SLOT_TYPES as readonly string[]).includes(slot.slotTypeName);
          expect({ slot: slot.name, type: slot.slotTypeName, known }).toMatchObject({ known: true });
        }
      }
      // AMAZON.UKPostalCode exists in en_GB only.
      const usesUkPostcode = locale.intents.some((intent) => intent.slots.some((slot) => slot.slotTypeName === 'AMAZON.UKPostalCode'));
      expect(usesUkPostcode).toBe(locale.localeId === 'en_GB');
    });

    it('only lets custom slot types take several values', () => {
      for (const intent of locale.intents) {
        for (const slot of intent.slots.filter((candidate) => candidate.allowMultipleValues)) {
          expect(locale.slotTypes.find((type) => type.name === slot.slotTypeName)?.kind).toBe('custom');
        }
      }
    });

    it('has regex filters Lex accepts, compiling in JavaScript', () => {
      for (const type of locale.slotTypes) {
        if (type.kind !== 'regex') continue;
        expect(type.pattern.length).toBeLessThanOrEqual(300);
        // Lex rejects the wildcard and unbounded repeats.
        expect(type.pattern).not.toMatch(/(^|[^\\])[.*+]|\{\d+,\}/);
        const regex = new RegExp(`^(?:${type.pattern})$`);
        for (const example of type.examples) expect(example).toMatch(regex);
      }
    });

    it('maps no synonym to two values of one slot type', () => {
      for (const type of locale.slotTypes) {
        if (type.kind !== 'custom') continue;
        const owner = new Map<string, string>();
        for (const value of type.values) {
          for (const phrase of [value.value.replace(/_/g, ' '), ...value.synonyms]) {
            const key = normalizeText(phrase);
            expect({ type: type.name, phrase, alsoFor: owner.get(key) ?? value.value }).toEqual({ type: type.name, phrase, alsoFor: value.value });
            owner.set(key, value.value);
          }
        }
      }
    });

    it('asks for the booking reference letter by letter and confirms before booking or changing a delivery', () => {
      for (const name of ['TrackDelivery', 'GiveFeedback', 'ManageFailedDelivery']) {
        const slot = locale.intents.find((intent) => intent.name === name)!.slots.find((candidate) => candidate.name === 'BookingReference')!;
        expect(slot.slotTypeName).toBe('BookingReference');
        expect(slot.elicitationStyle).toBe('SpellByLetter');
      }
      for (const name of ['BookCourier', 'ManageFailedDelivery']) expect(locale.intents.find((intent) => intent.name === name)!.confirmation).toBeDefined();
    });

    it('collects the booking in the order R3 gives: pickup address, delivery address, package, window', () => {
      const book = locale.intents.find((intent) => intent.name === 'BookCourier')!;
      expect(book.slots.filter((slot) => slot.required).map((slot) => slot.name)).toEqual([
        'PickupCity',
        'PickupStreet',
        'PickupPostalCode',
        'DeliveryCity',
        'DeliveryStreet',
        'DeliveryPostalCode',
        'PackageSize',
        'PackageWeight',
        'SpecialHandling',
        'PickupDate',
        'PickupTime',
        'CustomerName',
      ]);
    });
  });

  describe('held-out NLU test utterances', () => {
    it('have at least 10 utterances for every intent', () => {
      for (const name of INTENT_NAMES) expect(NLU_TEST_UTTERANCES[name].length).toBeGreaterThanOrEqual(10);
      expect(Object.keys(NLU_TEST_UTTERANCES).sort()).toEqual([...INTENT_NAMES].sort());
    });

    it('are neither training samples nor what the trainer makes of them', () => {
      for (const locale of COURIER_BOT.locales) {
        const training = new Set([
          ...locale.intents.flatMap((intent) => intent.sampleUtterances).map(normalizeText),
          ...trainingCorpus(locale).map((sentence) => normalizeText(sentence.utterance)),
        ]);
        for (const name of BUSINESS_INTENTS) {
          for (const utterance of NLU_TEST_UTTERANCES[name]) expect({ utterance, inTraining: training.has(normalizeText(utterance)) }).toEqual({ utterance, inTraining: false });
        }
      }
    });

    it('are unique', () => {
      const all = Object.values(NLU_TEST_UTTERANCES).flat().map(normalizeText);
      expect(new Set(all).size).toBe(all.length);
    });
  });
});
