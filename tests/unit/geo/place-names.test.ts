import fc from 'fast-check';
import {
  adminRegionDisplayName,
  parseUsState,
  parseUsZip,
  placeNameKey,
  regionMatchesAdminCode,
} from '../../../functions/adapters/local-geo/place-names';

// Every state and territory with a ZIP code, by its USPS name and code.
const US_STATES: ReadonlyArray<readonly [name: string, code: string]> = [
  ['Alabama', 'AL'], ['Alaska', 'AK'], ['Arizona', 'AZ'], ['Arkansas', 'AR'], ['California', 'CA'], ['Colorado', 'CO'],
  ['Connecticut', 'CT'], ['Delaware', 'DE'], ['District of Columbia', 'DC'], ['Florida', 'FL'], ['Georgia', 'GA'],
  ['Hawaii', 'HI'], ['Idaho', 'ID'], ['Illinois', 'IL'], ['Indiana', 'IN'], ['Iowa', 'IA'], ['Kansas', 'KS'],
  ['Kentucky', 'KY'], ['Louisiana', 'LA'], ['Maine', 'ME'], ['Maryland', 'MD'], ['Massachusetts', 'MA'],
  ['Michigan', 'MI'], ['Minnesota', 'MN'], ['Mississippi', 'MS'], ['Missouri', 'MO'], ['Montana', 'MT'],
  ['Nebraska', 'NE'], ['Nevada', 'NV'], ['New Hampshire', 'NH'], ['New Jersey', 'NJ'], ['New Mexico', 'NM'],
  ['New York', 'NY'], ['North Carolina', 'NC'], ['North Dakota', 'ND'], ['Ohio', 'OH'], ['Oklahoma', 'OK'],
  ['Oregon', 'OR'], ['Pennsylvania', 'PA'], ['Rhode Island', 'RI'], ['South Carolina', 'SC'], ['South Dakota', 'SD'],
  ['Tennessee', 'TN'], ['Texas', 'TX'], ['Utah', 'UT'], ['Vermont', 'VT'], ['Virginia', 'VA'], ['Washington', 'WA'],
  ['West Virginia', 'WV'], ['Wisconsin', 'WI'], ['Wyoming', 'WY'], ['Puerto Rico', 'PR'], ['Guam', 'GU'],
];

/** Rewrites a string the ways people and forms do: any letter case, stray dots/commas, extra spaces. */
function scribble(text: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }),
      fc.constantFrom('', '.', ','),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([upper, trailing, padding]) => {
      const cased = [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('');
      return `${padding}${cased.replace(/ /g, padding === '' ? ' ' : ' '.repeat(padding.length))}${trailing}${padding}`;
    });
}

describe('placeNameKey', () => {
  it('ignores letter case, punctuation and spacing', () => {
    fc.assert(
      fc.property(fc.constantFrom('Seattle', 'Coeur d Alene', 'Winston Salem', 'Bellevue', 'New York'), fc.context(), (name, ctx) => {
        fc.assert(
          fc.property(scribble(name), (variant) => {
            ctx.log(variant);
            expect(placeNameKey(variant)).toBe(placeNameKey(name));
          }),
          { numRuns: 20 },
        );
      }),
      { numRuns: 5 },
    );
  });

  it('treats St./Ste./Ft./Mt./Pt. and the written-out words as the same name', () => {
    const pairs: Array<[string, string]> = [
      ['St. Louis', 'Saint Louis'],
      ['Ste. Genevieve', 'Sainte Genevieve'],
      ['Ft. Worth', 'Fort Worth'],
      ['Mt. Vernon', 'Mount Vernon'],
      ['Pt. Pleasant', 'Point Pleasant'],
    ];
    for (const [short, long] of pairs) expect(placeNameKey(short)).toBe(placeNameKey(long));
  });

  it('drops accents and apostrophes, so either dataset spelling meets', () => {
    expect(placeNameKey('Île-de-France')).toBe(placeNameKey('Ile de France'));
    expect(placeNameKey("Coeur d'Alene")).toBe(placeNameKey('Coeur D Alene'));
    expect(placeNameKey('SeaTac')).toBe(placeNameKey('Seatac'));
  });

  it('still tells different places apart', () => {
    expect(placeNameKey('Portland')).not.toBe(placeNameKey('Portsmouth'));
    expect(placeNameKey('St. Paul')).not.toBe(placeNameKey('St. Louis'));
  });

  it('is empty exactly when the text has no letters or digits', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const hasAlphanumeric = /[\p{L}\p{N}]/u.test(text.normalize('NFKD').replace(/\p{M}/gu, ''));
        expect(placeNameKey(text) === '').toBe(!hasAlphanumeric);
      }),
    );
  });
});

describe('parseUsState', () => {
  it('reads every state by code or by name, however it is written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...US_STATES), fc.boolean(), fc.context(), ([name, code], byName, ctx) => {
        fc.assert(
          fc.property(scribble(byName ? name : code), (written) => {
            ctx.log(written);
            expect(parseUsState(written)).toBe(code);
          }),
          { numRuns: 5 },
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads "W.A." as WA and "MT" as Montana, not "Mount"', () => {
    expect(parseUsState('W.A.')).toBe('WA');
    expect(parseUsState('MT')).toBe('MT');
  });

  it('rejects what is not a US state', () => {
    for (const text of ['Ontario', 'XX', 'England', '', 'Washingtonia', '98109']) expect(parseUsState(text)).toBeUndefined();
  });
});

describe('parseUsZip', () => {
  const fiveDigits = fc.stringMatching(/^\d{5}$/);
  const fourDigits = fc.stringMatching(/^\d{4}$/);

  it('accepts a five-digit ZIP as it is', () => {
    fc.assert(fc.property(fiveDigits, (zip) => expect(parseUsZip(` ${zip} `)).toEqual({ zip5: zip, formatted: zip })));
  });

  it('accepts ZIP+4 written with a hyphen, a space or nothing, and prints it with a hyphen', () => {
    fc.assert(
      fc.property(fiveDigits, fourDigits, fc.constantFrom('-', ' ', ''), (zip, plus4, separator) => {
        expect(parseUsZip(`${zip}${separator}${plus4}`)).toEqual({ zip5: zip, formatted: `${zip}-${plus4}` });
      }),
    );
  });

  it('rejects anything else', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !/^\d{5}(?:[-\s]?\d{4})?$/.test(text.trim())),
        (text) => expect(parseUsZip(text)).toBeUndefined(),
      ),
    );
  });
});

describe('GeoNames admin regions', () => {
  it('matches the UK nations by name or code, and other codes literally', () => {
    expect(regionMatchesAdminCode('Wales', 'GB', 'WLS')).toBe(true);
    expect(regionMatchesAdminCode('wls', 'GB', 'WLS')).toBe(true);
    expect(regionMatchesAdminCode('England', 'GB', 'WLS')).toBe(false);
    expect(regionMatchesAdminCode('11', 'FR', '11')).toBe(true);
    expect(regionMatchesAdminCode('Île-de-France', 'FR', '11')).toBe(false);
  });

  it('shows nations by name, letter codes as they are, and hides numeric codes', () => {
    expect(adminRegionDisplayName('GB', 'SCT')).toBe('Scotland');
    expect(adminRegionDisplayName('US', 'WA')).toBe('WA');
    expect(adminRegionDisplayName('FR', '11')).toBeUndefined();
  });
});
