// Slot resolution per type, against Lex's documented behaviour where it is documented
// (AMAZON.Date, AMAZON.Time) and against how callers actually say values elsewhere.
import fc from 'fast-check';
import { COURIER_BOT, type SlotDefinition } from '../../../voice/bot-definition';
import { resolveSlotValue } from '../../../local/lex/slot-resolvers';
import { parseNumberAt } from '../../../local/lex/slot-resolvers/number-words';
import type { ResolverContext } from '../../../local/lex/slot-resolvers/types';

const US = COURIER_BOT.locales[0];
const GB = COURIER_BOT.locales[1];
// Wednesday 25 November 2020, 10:00 in Seattle: the date Lex's AMAZON.Date page uses.
const NOW = new Date('2020-11-25T18:00:00Z');
const context = (mode: ResolverContext['mode'] = 'elicit', localeId = 'en_US'): ResolverContext => ({ now: NOW, timeZone: 'America/Los_Angeles', localeId, mode });

function resolve(slotTypeName: string, text: string, options: { mode?: ResolverContext['mode']; multiple?: boolean; locale?: typeof US } = {}) {
  const locale = options.locale ?? US;
  const slot: Pick<SlotDefinition, 'slotTypeName' | 'allowMultipleValues'> = { slotTypeName, allowMultipleValues: options.multiple };
  return resolveSlotValue(locale, slot, text, context(options.mode, locale.localeId));
}

const interpreted = (slotTypeName: string, text: string, options?: Parameters<typeof resolve>[2]) => resolve(slotTypeName, text, options)?.value.interpretedValue;

describe('AMAZON.Date', () => {
  it.each([
    ['today', '2020-11-25'],
    ['tomorrow', '2020-11-26'],
    ['the day after tomorrow', '2020-11-27'],
    ['Friday', '2020-11-27'],
    ['on wednesday please', '2020-11-25'],
    ['next Monday', '2020-11-30'],
    ['next Friday', '2020-12-04'],
    ['the 3rd of December', '2020-12-03'],
    ['December third', '2020-12-03'],
    ['3 December 2026', '2026-12-03'],
    ['November twenty fifth', '2020-11-25'],
    ['the twenty first of January', '2021-01-21'],
    ['on the 12th', '2020-12-12'],
    ['in three days', '2020-11-28'],
    ['2026-12-03', '2026-12-03'],
  ])('resolves %s to %s', (text, expected) => {
    expect(interpreted('AMAZON.Date', text)).toBe(expected);
  });

  it('follows the documented rules for weeks and months', () => {
    // "next week" is the last day of the current week, "last week" its Monday, per the Lex V2 guide.
    expect(interpreted('AMAZON.Date', 'next week')).toBe('2020-11-29');
    expect(interpreted('AMAZON.Date', 'last week')).toBe('2020-11-16');
    expect(interpreted('AMAZON.Date', 'next month')).toBe('2020-12-31');
    expect(interpreted('AMAZON.Date', 'this month')).toBe('2020-11-01');
  });

  it('defaults a date without a year to on or after today', () => {
    expect(interpreted('AMAZON.Date', 'the 1st of March')).toBe('2021-03-01');
    expect(interpreted('AMAZON.Date', 'the 30th of November')).toBe('2020-11-30');
  });

  it('reads numeric dates month first in en_US and day first in en_GB', () => {
    expect(interpreted('AMAZON.Date', '12/3')).toBe('2020-12-03');
    expect(interpreted('AMAZON.Date', '12/3', { locale: GB })).toBe('2021-03-12');
  });

  it('uses the clock in the caller’s time zone', () => {
    // 18:00 UTC on the 25th is already the 26th in Sydney.
    const sydney = resolveSlotValue(US, { slotTypeName: 'AMAZON.Date' }, 'today', { ...context(), timeZone: 'Australia/Sydney' });
    expect(sydney?.value.interpretedValue).toBe('2020-11-26');
  });

  it('finds nothing in words without a date', () => {
    expect(resolve('AMAZON.Date', "I'm not sure")).toBeUndefined();
  });

  it('resolves "in N days" to N days after today for any N up to a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 }), (days) => {
        const expected = new Date(Date.UTC(2020, 10, 25 + days)).toISOString().slice(0, 10);
        expect(interpreted('AMAZON.Date', `in ${days} days`)).toBe(expected);
      }),
    );
  });
});

describe('AMAZON.Time', () => {
  it.each([
    ['2pm', '14:00'],
    ['two pm', '14:00'],
    ['7 p.m.', '19:00'],
    ['14:30', '14:30'],
    ['9.15am', '09:15'],
    ['two thirty in the afternoon', '14:30'],
    ['10 in the morning', '10:00'],
    ['noon', '12:00'],
    ['midnight', '00:00'],
    ['seven oh five pm', '19:05'],
  ])('resolves %s to %s', (text, expected) => {
    const value = resolve('AMAZON.Time', text)!.value;
    expect(value.interpretedValue).toBe(expected);
    expect(value.resolvedValues).toEqual([expected]);
  });

  it('leaves an ambiguous hour uninterpreted with both readings, as Lex documents', () => {
    expect(resolve('AMAZON.Time', "10 o'clock")!.value).toMatchObject({ originalValue: "10 o'clock", interpretedValue: null, resolvedValues: ['10:00', '22:00'] });
    expect(resolve('AMAZON.Time', 'half past two')!.value).toMatchObject({ interpretedValue: null, resolvedValues: ['02:30', '14:30'] });
    expect(resolve('AMAZON.Time', 'quarter to five')!.value.resolvedValues).toEqual(['04:45', '16:45']);
  });

  it('resolves parts of the day to MO, AF, EV and NI', () => {
    expect(interpreted('AMAZON.Time', 'in the morning')).toBe('MO');
    expect(interpreted('AMAZON.Time', 'the afternoon please')).toBe('AF');
    expect(interpreted('AMAZON.Time', 'evening')).toBe('EV');
    expect(interpreted('AMAZON.Time', 'at night')).toBe('NI');
  });

  it('reads any hour and quarter said with pm as the 24-hour time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 15, 30, 45), (hour, minute) => {
        const said = minute === 0 ? `${hour} pm` : `${hour}:${String(minute).padStart(2, '0')} pm`;
        const expected = `${String((hour % 12) + 12).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        expect(interpreted('AMAZON.Time', said)).toBe(expected);
      }),
    );
  });
});

// Small number-to-words for the property below.
const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function inWords(value: number): string {
  if (value < 20) return UNITS[value];
  if (value < 100) return TENS[Math.floor(value / 10)] + (value % 10 ? ` ${UNITS[value % 10]}` : '');
  if (value < 1000) return `${UNITS[Math.floor(value / 100)]} hundred${value % 100 ? ` and ${inWords(value % 100)}` : ''}`;
  return `${inWords(Math.floor(value / 1000))} thousand${value % 1000 ? ` ${inWords(value % 1000)}` : ''}`;
}

describe('AMAZON.Number', () => {
  it('reads digits, words and fractions inside an answer', () => {
    expect(interpreted('AMAZON.Number', 'about 12 pounds')).toBe('12');
    expect(interpreted('AMAZON.Number', 'roughly twenty two')).toBe('22');
    expect(interpreted('AMAZON.Number', 'two point five kilos')).toBe('2.5');
    expect(interpreted('AMAZON.Number', 'seven and a half')).toBe('7.5');
    expect(interpreted('AMAZON.Number', 'a hundred')).toBe('100');
    expect(resolve('AMAZON.Number', 'no idea')).toBeUndefined();
  });

  it('reads any number below ten thousand said in words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (value) => {
        expect(parseNumberAt(inWords(value).split(' '), 0)?.value).toBe(value);
        expect(interpreted('AMAZON.Number', `it weighs ${inWords(value)} pounds`)).toBe(String(value));
      }),
    );
  });
});

const NATO: Record<string, string> = {
  A: 'alpha', B: 'bravo', C: 'charlie', D: 'delta', E: 'echo', F: 'foxtrot', G: 'golf', H: 'hotel', I: 'india', J: 'juliet', K: 'kilo', L: 'lima', M: 'mike',
  N: 'november', O: 'oscar', P: 'papa', Q: 'quebec', R: 'romeo', S: 'sierra', T: 'tango', U: 'uniform', V: 'victor', W: 'whiskey', X: 'xray', Y: 'yankee', Z: 'zulu',
};
const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const REFERENCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** One character the way a caller might say it. */
function spoken(character: string, style: number): string {
  const digit = /\d/.test(character);
  switch (style % 4) {
    case 0:
      return character;
    case 1:
      return digit ? DIGIT_WORDS[Number(character)] : NATO[character];
    case 2:
      return digit ? DIGIT_WORDS[Number(character)] : character.toLowerCase();
    default:
      return digit ? character : `${character} as in ${NATO[character]}`;
  }
}

describe('booking references (AMAZON.AlphaNumeric with CB[A-Z0-9]{6})', () => {
  it('reads any reference spelled character by character, in any mix of styles, back to itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...REFERENCE_ALPHABET), { minLength: 6, maxLength: 6 }),
        fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('', 'my reference is ', "it's ", 'um ', 'the booking reference is '),
        (body, styles, lead) => {
          const reference = `CB${body.join('')}`;
          const said = lead + [...reference].map((character, index) => spoken(character, styles[index])).join(' ');
          expect(interpreted('BookingReference', said)).toBe(reference);
        },
      ),
    );
  });

  it('understands what speech recognition makes of letter names', () => {
    expect(interpreted('BookingReference', 'see bee won to three ay bee see')).toBe('CB123ABC');
    expect(interpreted('BookingReference', 'see bee oh oh oh four one seven')).toBe('CB000417');
    expect(interpreted('BookingReference', 'c b double seven k 2 m 9')).toBe('CB77K2M9');
    expect(interpreted('BookingReference', 'C for Charlie B for bravo 1 2 3 A B C')).toBe('CB123ABC');
    expect(interpreted('BookingReference', 'it is CB-123ABC thanks')).toBe('CB123ABC');
  });

  it('rejects what is not a reference', () => {
    expect(resolve('BookingReference', 'I do not have it')).toBeUndefined();
    expect(resolve('BookingReference', 'C B 1 2 3')).toBeUndefined();
    expect(resolve('BookingReference', 'X Y 1 2 3 4 5 6')).toBeUndefined();
  });
});

describe('postal codes', () => {
  it('reads a US ZIP code digit by digit, keeping leading zeros', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 5 }), (digits) => {
        const zip = digits.join('');
        expect(interpreted('UsZipCode', digits.map((digit) => DIGIT_WORDS[digit]).join(' '))).toBe(zip);
        expect(interpreted('UsZipCode', `it's ${zip}`)).toBe(zip);
      }),
    );
  });

  it('formats UK postcodes with one space before the inward code', () => {
    expect(interpreted('AMAZON.UKPostalCode', 'S W 1 A 1 A A', { locale: GB })).toBe('SW1A 1AA');
    expect(interpreted('AMAZON.UKPostalCode', 'it is m1 1ae', { locale: GB })).toBe('M1 1AE');
    expect(interpreted('AMAZON.UKPostalCode', 'echo hotel one one yankee zulu', { locale: GB })).toBe('EH1 1YZ');
    expect(resolve('AMAZON.UKPostalCode', 'London', { locale: GB })).toBeUndefined();
  });
});

describe('custom slot types', () => {
  it('resolves synonyms to the value (TopResolution), longest phrase first', () => {
    expect(resolve('PackageSize', "it's a big box")!.value).toMatchObject({ originalValue: 'big box', interpretedValue: 'LARGE', resolvedValues: ['LARGE'] });
    expect(interpreted('PackageSize', 'massive')).toBe('EXTRA_LARGE');
    expect(interpreted('PackageSize', 'just some documents')).toBe('SMALL');
    expect(interpreted('FeedbackType', "I'd like to make a complaint")).toBe('COMPLAINT');
    expect(interpreted('ComplaintSeverity', "I'd say it's very serious")).toBe('HIGH');
    expect(interpreted('FailedDeliveryOption', 'leave it with my neighbours please')).toBe('NEIGHBOUR');
    expect(interpreted('FailedDeliveryOption', 'can you send it back')).toBe('RETURN_TO_SENDER');
  });

  it('refuses words outside the list', () => {
    expect(resolve('PackageSize', 'purple')).toBeUndefined();
  });

  it('returns a List slot with every value for multi-value slots', () => {
    const slot = resolve('SpecialHandling', "it's fragile and needs to stay cold", { multiple: true })!;
    expect(slot.shape).toBe('List');
    expect(slot.values!.map((value) => value.interpretedValue)).toEqual(['FRAGILE', 'PERISHABLE']);
    expect(resolve('SpecialHandling', 'no', { multiple: true })!.values!.map((value) => value.interpretedValue)).toEqual(['NONE']);
  });

  it('expands beyond the list when the strategy is OriginalValue, only while the slot is asked for', () => {
    const expanding = { ...US, slotTypes: [{ kind: 'custom' as const, name: 'Colour', description: '', resolutionStrategy: 'OriginalValue' as const, values: [{ value: 'red', synonyms: ['crimson'] }] }] };
    expect(resolve('Colour', 'crimson', { locale: expanding })!.value).toMatchObject({ interpretedValue: 'crimson', resolvedValues: ['red'] });
    expect(resolve('Colour', 'teal please', { locale: expanding })!.value).toMatchObject({ interpretedValue: 'teal', resolvedValues: [] });
    expect(resolve('Colour', 'teal', { locale: expanding, mode: 'scan' })).toBeUndefined();
  });
});

describe('other built-in types', () => {
  it('AMAZON.City finds places in the gazetteer, longest name first', () => {
    expect(interpreted('AMAZON.City', "it's in Seattle Washington")).toBe('Seattle');
    expect(interpreted('AMAZON.City', 'new york')).toBe('New York');
    expect(interpreted('AMAZON.City', 'Newcastle upon Tyne', { locale: GB })).toBe('Newcastle upon Tyne');
    expect(resolve('AMAZON.City', 'I have no idea')).toBeUndefined();
  });

  it('AMAZON.City accepts an everyday word only as the whole answer', () => {
    expect(interpreted('AMAZON.City', 'Reading')).toBe('Reading');
    expect(resolve('AMAZON.City', 'send it to reading glasses', { mode: 'scan' })).toBeUndefined();
  });

  it('AMAZON.Confirmation reads yes, no, maybe and don’t know', () => {
    expect(interpreted('AMAZON.Confirmation', 'yes please')).toBe('Yes');
    expect(interpreted('AMAZON.Confirmation', "no that's wrong")).toBe('No');
    expect(interpreted('AMAZON.Confirmation', "I'm not sure")).toBe("Don't know");
    expect(interpreted('AMAZON.Confirmation', 'maybe')).toBe('Maybe');
  });

  it('AMAZON.FirstName takes the name out of an introduction', () => {
    expect(interpreted('AMAZON.FirstName', 'my name is maria')).toBe('Maria');
    expect(interpreted('AMAZON.FirstName', 'James')).toBe('James');
    expect(resolve('AMAZON.FirstName', 'sorry')).toBeUndefined();
    expect(resolve('AMAZON.FirstName', 'book a courier', { mode: 'scan' })).toBeUndefined();
  });

  it('AMAZON.StreetName drops the house number', () => {
    expect(interpreted('AMAZON.StreetName', '1200 Pine Street')).toBe('Pine Street');
  });

  it('AMAZON.FreeFormInput keeps the whole utterance', () => {
    expect(resolve('AMAZON.FreeFormInput', '  the box was crushed, and wet!  ')!.value).toEqual({
      originalValue: 'the box was crushed, and wet!',
      interpretedValue: 'the box was crushed, and wet!',
      resolvedValues: [],
      span: [0, 6],
    });
  });
});
