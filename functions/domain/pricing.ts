// Quote for a booking: base fee by size, distance beyond what is included, weight beyond
// what the size includes, and a surcharge per special-handling need. Money is integer
// minor units (cents) so totals add up exactly.
import type { BusinessRules, ParcelSize, SpecialHandling } from './business-rules';

export interface PriceLine {
  code: string;
  label: string;
  amountMinor: number;
}

export interface Quote {
  currency: string;
  totalMinor: number;
  lines: PriceLine[];
  distanceKm: number;
}

export interface QuoteInput {
  size: ParcelSize;
  weightKg: number;
  handling: readonly SpecialHandling[];
  /** Road distance pickup → delivery. */
  distanceKm: number;
}

const HANDLING_LABELS: Record<SpecialHandling, string> = {
  FRAGILE: 'Fragile handling',
  PERISHABLE: 'Perishable handling',
  SIGNATURE_REQUIRED: 'Signature on delivery',
  KEEP_UPRIGHT: 'Keep upright',
  HIGH_VALUE: 'High-value cover',
};

/** Distance is charged per started 0.1 km, so prices don't jitter with geocoder noise below that. */
function chargeableTenthsOfKm(distanceKm: number, includedKm: number): number {
  return Math.max(0, Math.ceil(Math.round((distanceKm - includedKm) * 1000) / 100));
}

export function quoteBooking(input: QuoteInput, rules: BusinessRules): Quote {
  const size = rules.sizes[input.size];
  const lines: PriceLine[] = [{ code: 'BASE', label: `${input.size.replace('_', ' ').toLowerCase()} parcel`, amountMinor: size.baseFeeMinor }];

  const tenths = chargeableTenthsOfKm(input.distanceKm, rules.includedDistanceKm);
  if (tenths > 0) {
    lines.push({
      code: 'DISTANCE',
      label: `${(tenths / 10).toFixed(1)} km beyond the first ${rules.includedDistanceKm} km`,
      amountMinor: Math.round((tenths * rules.perKmMinor) / 10),
    });
  }

  const extraKg = Math.max(0, Math.ceil(input.weightKg - size.includedWeightKg));
  if (extraKg > 0) {
    lines.push({ code: 'WEIGHT', label: `${extraKg} kg over ${size.includedWeightKg} kg`, amountMinor: extraKg * rules.perExtraKgMinor });
  }

  for (const need of [...new Set(input.handling)].sort()) {
    lines.push({ code: `HANDLING_${need}`, label: HANDLING_LABELS[need], amountMinor: rules.handlingSurchargeMinor[need] });
  }

  return {
    currency: rules.currency,
    totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0),
    lines,
    distanceKm: Math.round(input.distanceKm * 100) / 100,
  };
}

// Building an Intl.NumberFormat costs ~0.5 ms; one per currency is kept.
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amountMinor: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) moneyFormats.set(currency, (format = new Intl.NumberFormat('en-US', { style: 'currency', currency })));
  return format.format(amountMinor / 100);
}
