// Parcel weight as callers give it — pounds in the US, kilograms in the UK — against the size
// classes' limits, which the business rules keep in kilograms. When a weight does not fit the
// size the caller chose, the bot names the smallest size it does fit rather than refusing.
import { PARCEL_SIZES, type BusinessRules, type ParcelSize } from '../business-rules';

export type WeightUnit = 'pounds' | 'kilograms';

export const KILOGRAMS_PER_POUND = 0.45359237;

/** Kilograms to one decimal: a caller's "about 12 pounds" is no more precise than that. */
export function toKilograms(amount: number, unit: WeightUnit): number {
  const kilograms = unit === 'pounds' ? amount * KILOGRAMS_PER_POUND : amount;
  return Math.round(kilograms * 10) / 10;
}

/** A limit in the caller's unit, rounded down so the spoken limit is never above the real one. */
export function spokenWeightLimit(kilograms: number, unit: WeightUnit): string {
  const amount = unit === 'pounds' ? Math.floor(kilograms / KILOGRAMS_PER_POUND) : kilograms;
  return `${amount} ${unit}`;
}

export type WeightCheck =
  | { kind: 'ok'; weightKg: number }
  /** Not a positive number. */
  | { kind: 'not_a_weight' }
  /** Heavier than any parcel we carry. */
  | { kind: 'too_heavy'; maxKg: number }
  /** Too heavy for the chosen size; `fitsSizes` are the larger sizes that take it. */
  | { kind: 'too_heavy_for_size'; weightKg: number; maxKg: number; fitsSizes: ParcelSize[] };

export function checkParcelWeight(amount: number, unit: WeightUnit, size: ParcelSize, rules: BusinessRules): WeightCheck {
  if (!Number.isFinite(amount) || amount <= 0) return { kind: 'not_a_weight' };
  const weightKg = toKilograms(amount, unit);
  if (weightKg <= 0) return { kind: 'not_a_weight' };
  const heaviest = Math.max(...PARCEL_SIZES.map((candidate) => rules.sizes[candidate].maxWeightKg));
  if (weightKg > heaviest) return { kind: 'too_heavy', maxKg: heaviest };
  const maxKg = rules.sizes[size].maxWeightKg;
  if (weightKg > maxKg) {
    return { kind: 'too_heavy_for_size', weightKg, maxKg, fitsSizes: PARCEL_SIZES.filter((candidate) => rules.sizes[candidate].maxWeightKg >= weightKg) };
  }
  return { kind: 'ok', weightKg };
}
