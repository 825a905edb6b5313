// What differs between the English locales: postal codes (US ZIP vs UK postcode), the unit
// callers weigh parcels in, spelling, and example places the NLU trains on. Intents are written
// once and take a flavour, so en_US and en_GB cannot drift apart in structure.
import type { LocaleId } from '../bot-model';

export interface LocaleFlavour {
  localeId: LocaleId;
  postalCode: { slotTypeName: string; spoken: string; example: string; examples: string[] };
  /** The unit the PackageWeight slot is asked in; the code hook converts to kg for the domain. */
  weightUnit: 'pounds' | 'kilograms';
  neighbour: string;
  cities: string[];
  streets: string[];
}

export const EN_US: LocaleFlavour = {
  localeId: 'en_US',
  postalCode: { slotTypeName: 'UsZipCode', spoken: 'ZIP code', example: '9 8 1 0 1', examples: ['98101', '98109', '98122', '97205'] },
  weightUnit: 'pounds',
  neighbour: 'neighbor',
  cities: ['Seattle', 'Bellevue', 'Tacoma', 'Redmond', 'Portland', 'Everett', 'Spokane', 'Kirkland', 'Olympia', 'San Francisco', 'Los Angeles', 'New York'],
  streets: ['1200 Pine Street', '400 Broad Street', '85 Pike Street', '2101 4th Avenue'],
};

export const EN_GB: LocaleFlavour = {
  localeId: 'en_GB',
  postalCode: { slotTypeName: 'AMAZON.UKPostalCode', spoken: 'postcode', example: 'S W 1 A 1 A A', examples: ['SW1A 1AA', 'M1 1AE', 'EH1 1YZ', 'B33 8TH'] },
  weightUnit: 'kilograms',
  neighbour: 'neighbour',
  cities: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Edinburgh', 'Bristol', 'Liverpool', 'Cardiff', 'Newcastle upon Tyne', 'Sheffield', 'Nottingham'],
  streets: ['10 Downing Street', '221B Baker Street', '12 High Street', '4 Station Road'],
};

/** The unit each locale's PackageWeight is spoken in, for the code hook that converts it. */
export const WEIGHT_UNIT_BY_LOCALE: Record<LocaleId, LocaleFlavour['weightUnit']> = { en_US: EN_US.weightUnit, en_GB: EN_GB.weightUnit };
