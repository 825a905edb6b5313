// What a caller, admin or partner asks for, checked in one place before anything is
// reserved or written. All problems are reported together so a form or a partner
// integration can fix everything in one round trip.
import type { PostalAddress } from './address';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import isEmail from 'validator/lib/isEmail';
import { PARCEL_SIZES, SPECIAL_HANDLING, type BusinessRules, type ParcelSize, type SpecialHandling } from './business-rules';
import type { BookingChannel } from './booking';
import { InvalidBookingRequest, type FieldIssue } from './errors';
import { parsePickupWindowId, windowBookingProblem, WINDOW_PROBLEM_MESSAGES, type PickupWindow } from './pickup-windows';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postcode?: string | null;
  country: string;
}

export interface BookingRequestInput {
  customer: { name: string; phone: string; email?: string | null };
  pickup: AddressInput;
  delivery: AddressInput;
  parcel: { size: string; weightKg: number; handling?: string[] | null; description?: string | null };
  pickupWindowId: string;
  notes?: string | null;
}

/** An address that passed validation (trimmed, required parts present). */
export type ValidAddress = PostalAddress;

export interface ValidBookingRequest {
  customer: { name: string; phone: string; email?: string };
  pickup: ValidAddress;
  delivery: ValidAddress;
  parcel: { size: ParcelSize; weightKg: number; handling: SpecialHandling[]; description?: string };
  pickupWindow: PickupWindow;
  channel: BookingChannel;
  notes?: string;
}

const US_ZIP = /^\d{5}(-\d{4})?$/;
const COUNTRY = /^[A-Z]{2}$/;

function text(value: string | null | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

function optionalText(value: string | null | undefined): string | undefined {
  const t = text(value);
  return t === '' ? undefined : t;
}

function validateAddress(prefix: 'pickup' | 'delivery', input: AddressInput | undefined, issues: FieldIssue[]): ValidAddress | undefined {
  if (!input) {
    issues.push({ field: prefix, code: 'REQUIRED', message: `The ${prefix} address is required.` });
    return undefined;
  }
  const address: ValidAddress = {
    line1: text(input.line1),
    city: text(input.city),
    country: text(input.country).toUpperCase(),
    ...(optionalText(input.line2) ? { line2: optionalText(input.line2) } : {}),
    ...(optionalText(input.region) ? { region: optionalText(input.region) } : {}),
    ...(optionalText(input.postcode) ? { postcode: optionalText(input.postcode)!.toUpperCase() } : {}),
  };
  if (address.line1 === '') issues.push({ field: `${prefix}.line1`, code: 'REQUIRED', message: `The ${prefix} street address is required.` });
  if (address.line1.length > 120) issues.push({ field: `${prefix}.line1`, code: 'TOO_LONG', message: `The ${prefix} street address is longer than 120 characters.` });
  if (address.city === '') issues.push({ field: `${prefix}.city`, code: 'REQUIRED', message: `The ${prefix} city is required.` });
  if (!COUNTRY.test(address.country)) {
    issues.push({ field: `${prefix}.country`, code: 'INVALID_COUNTRY', message: `The ${prefix} country must be a two-letter ISO code such as US.` });
  } else if (address.country === 'US' && address.postcode !== undefined && !US_ZIP.test(address.postcode)) {
    issues.push({ field: `${prefix}.postcode`, code: 'INVALID_POSTCODE', message: `The ${prefix} ZIP code must be 5 digits (or ZIP+4).` });
  }
  return address;
}

function sameAddress(a: ValidAddress, b: ValidAddress): boolean {
  const key = (x: ValidAddress) => [x.line1, x.line2 ?? '', x.city, x.postcode ?? '', x.country].join('|').toLowerCase();
  return key(a) === key(b);
}

export function validateBookingRequest(
  input: BookingRequestInput,
  context: { now: Date; rules: BusinessRules; channel: BookingChannel },
): ValidBookingRequest {
  const { rules } = context;
  const issues: FieldIssue[] = [];

  const name = text(input.customer?.name);
  if (name === '') issues.push({ field: 'customer.name', code: 'REQUIRED', message: 'The customer name is required.' });
  if (name.length > 100) issues.push({ field: 'customer.name', code: 'TOO_LONG', message: 'The customer name is longer than 100 characters.' });

  // Numbers without a country code are read as North American, as AppSync's AWSPhone does.
  const phone = parsePhoneNumberFromString(text(input.customer?.phone), 'US');
  if (!phone || !phone.isValid()) {
    issues.push({ field: 'customer.phone', code: 'INVALID_PHONE', message: 'The phone number is not a valid number.' });
  }
  const email = optionalText(input.customer?.email)?.toLowerCase();
  if (email !== undefined && !isEmail(email)) {
    issues.push({ field: 'customer.email', code: 'INVALID_EMAIL', message: 'The email address is not valid.' });
  }

  const pickup = validateAddress('pickup', input.pickup, issues);
  const delivery = validateAddress('delivery', input.delivery, issues);
  if (pickup && delivery && pickup.line1 !== '' && sameAddress(pickup, delivery)) {
    issues.push({ field: 'delivery', code: 'SAME_AS_PICKUP', message: 'The delivery address is the same as the pickup address.' });
  }

  const size = input.parcel?.size as ParcelSize;
  const sizeRule = PARCEL_SIZES.includes(size) ? rules.sizes[size] : undefined;
  if (!sizeRule) {
    issues.push({ field: 'parcel.size', code: 'INVALID_SIZE', message: `The parcel size must be one of ${PARCEL_SIZES.join(', ')}.` });
  }
  const weightKg = input.parcel?.weightKg;
  if (typeof weightKg !== 'number' || !Number.isFinite(weightKg) || weightKg <= 0) {
    issues.push({ field: 'parcel.weightKg', code: 'INVALID_WEIGHT', message: 'The parcel weight must be a positive number of kilograms.' });
  } else if (sizeRule && weightKg > sizeRule.maxWeightKg) {
    issues.push({
      field: 'parcel.weightKg',
      code: 'TOO_HEAVY',
      message: `A ${size.toLowerCase().replace('_', ' ')} parcel can weigh at most ${sizeRule.maxWeightKg} kg.`,
    });
  }
  const handling = [...new Set(input.parcel?.handling ?? [])];
  const unknownHandling = handling.filter((h) => !SPECIAL_HANDLING.includes(h as SpecialHandling));
  if (unknownHandling.length > 0) {
    issues.push({ field: 'parcel.handling', code: 'INVALID_HANDLING', message: `Unknown special handling: ${unknownHandling.join(', ')}.` });
  }
  const description = optionalText(input.parcel?.description);
  if (description && description.length > 200) {
    issues.push({ field: 'parcel.description', code: 'TOO_LONG', message: 'The parcel description is longer than 200 characters.' });
  }
  const notes = optionalText(input.notes);
  if (notes && notes.length > 500) issues.push({ field: 'notes', code: 'TOO_LONG', message: 'The notes are longer than 500 characters.' });

  let pickupWindow: PickupWindow | undefined;
  const parsedWindow = parsePickupWindowId(text(input.pickupWindowId), rules);
  if ('problem' in parsedWindow) {
    issues.push({ field: 'pickupWindowId', code: `PICKUP_WINDOW_${parsedWindow.problem}`, message: WINDOW_PROBLEM_MESSAGES[parsedWindow.problem] });
  } else {
    const problem = windowBookingProblem(parsedWindow, context.now, rules);
    if (problem) issues.push({ field: 'pickupWindowId', code: `PICKUP_WINDOW_${problem}`, message: WINDOW_PROBLEM_MESSAGES[problem] });
    else pickupWindow = parsedWindow;
  }

  if (issues.length > 0) throw new InvalidBookingRequest(issues);
  return {
    customer: { name, phone: phone!.number, ...(email ? { email } : {}) },
    pickup: pickup!,
    delivery: delivery!,
    parcel: {
      size,
      weightKg: weightKg as number,
      handling: (handling as SpecialHandling[]).sort(),
      ...(description ? { description } : {}),
    },
    pickupWindow: pickupWindow!,
    channel: context.channel,
    ...(notes ? { notes } : {}),
  };
}
