// BookCourier (R3). Lex collects the slots in the order the requirement gives (pickup address,
// delivery address, package, window, name); this hook checks each group as soon as it is
// complete, so a problem is raised while the caller still has it in mind:
//  - an address is geocoded once its city, street and postal code are in; one that matches
//    nothing, or whose postal code belongs elsewhere, is asked for again, and same-named towns are
//    offered by region (R3.9);
//  - the weight is converted from the locale's unit and checked against the size;
//  - the day and time become one of our two-hour windows with room; a full, past or
//    out-of-hours request gets the next windows that have room (R3.4);
//  - with everything in, the priced quote replaces Lex's confirmation prompt.
// Fulfillment runs the booking saga with an idempotency key derived from the Lex session, so a
// repeated fulfillment books once, and reads the reference back only once it is stored (R3.5–3.7).
import { WEIGHT_UNIT_BY_LOCALE, type LocaleId } from '../../../voice/bot-definition';
import type { LexCodeHookResponse } from '../../../voice/lex-types';
import type { Booking } from '../../domain/booking';
import type { ValidAddress } from '../../domain/booking-request';
import { PARCEL_SIZES, SPECIAL_HANDLING, type ParcelSize, type SpecialHandling } from '../../domain/business-rules';
import { isDomainError, type DomainError } from '../../domain/errors';
import { serviceDateOf, type PickupWindow } from '../../domain/pickup-windows';
import { callerNumberOf } from '../../domain/voice/caller';
import { checkParcelWeight, spokenWeightLimit, toKilograms } from '../../domain/voice/parcel-weight';
import { DAY_PART_HOURS, isServiceDay, offeredWindowMatching, readRequestedTime, serviceHours } from '../../domain/voice/pickup-time';
import { regionNamedIn, spokenPlace } from '../../domain/voice/place-names';
import { escapeSsml, pause, speak, spellOut, spokenClock, spokenDate, spokenList, spokenMoney, spokenParcelSize, spokenWindow } from '../../domain/voice/speech';
import type { GeocodedAddress, PostalAddress } from '../../ports/geo-port';
import { findPickupWindow, nextWindowsWithRoom, ALTERNATIVES_OFFERED, type PickupWindowUnavailable } from '../../use-cases/find-pickup-window';
import { checkAddress, quoteBookingRequest } from '../../use-cases/quote-booking';
import { requestBooking } from '../../use-cases/request-booking';
import type { VoiceDependencies } from '../dependencies';
import type { Conversation } from '../lex/conversation';
import { BOOK, SESSION } from '../lex/session-attributes';

type Which = 'Pickup' | 'Delivery';

const slotsOf = (which: Which) => ({ city: `${which}City`, street: `${which}Street`, postalCode: `${which}PostalCode` });

/** Bookings are made on behalf of callers; keys carry the Lex session id, so this one scope suffices. */
export const VOICE_PRINCIPAL = 'voice';

/** Failed checks of one address before a person takes over. */
const MAX_ADDRESS_ATTEMPTS = 3;

interface CheckedAddress {
  signature: string;
  address: ValidAddress;
}

const POSTAL_WORD: Record<LocaleId, string> = { en_US: 'ZIP code', en_GB: 'postcode' };
const COUNTRY: Record<LocaleId, string> = { en_US: 'US', en_GB: 'GB' };

const HANDLING_WORDS: Record<SpecialHandling, string> = {
  FRAGILE: 'fragile',
  PERISHABLE: 'perishable',
  SIGNATURE_REQUIRED: 'to be signed for',
  KEEP_UPRIGHT: 'kept upright',
  HIGH_VALUE: 'high value',
};

export async function bookCourier(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  if (conv.isFulfillment) return fulfil(conv, deps);
  // The reference goes out by text message; without the caller's number nobody could be told it.
  if (!callerNumberOf(conv.attr(SESSION.callerNumber))) {
    return conv.handover(
      'caller-id-withheld',
      "To book by phone I need to be able to text you the booking reference, and your number isn't showing. Let me put you through to a colleague who can take the booking.",
    );
  }
  if (conv.confirmationState === 'Denied') {
    conv.clearScope(BOOK.prefix);
    return conv.elicitIntent("Okay, I haven't booked anything. Is there anything else I can help you with?");
  }
  for (const which of ['Pickup', 'Delivery'] as const) {
    const answer = await checkAddressGroup(conv, which, deps);
    if (answer) return answer;
  }
  const sameAddress = refuseSameAddress(conv);
  if (sameAddress) return sameAddress;
  const parcel = checkParcel(conv, deps);
  if (parcel) return parcel;
  const day = checkPickupDate(conv, deps);
  if (day) return day;
  const window = await checkPickupWindow(conv, deps);
  if (window) return window;
  if (!allSlotsFilled(conv)) return conv.proceed();
  const quoted = conv.json<{ signature: string }>(BOOK.quote);
  if (conv.confirmationState === 'Confirmed' && quoted?.signature === quoteSignature(conv)) return conv.proceed();
  return quoteAndConfirm(conv, deps);
}

function allSlotsFilled(conv: Conversation): boolean {
  const names = ['Pickup', 'Delivery'].flatMap((which) => Object.values(slotsOf(which as Which)));
  return [...names, 'PackageSize', 'PackageWeight', 'SpecialHandling', 'PickupDate', 'PickupTime', 'CustomerName'].every((name) => conv.filled(name));
}

// ----- addresses ---------------------------------------------------------------------------------

/** AMAZON.FreeFormInput has the whole answer as its value. */
const streetOf = (conv: Conversation, which: Which) => (conv.value(slotsOf(which).street) ?? conv.original(slotsOf(which).street) ?? '').trim();

async function checkAddressGroup(conv: Conversation, which: Which, deps: VoiceDependencies): Promise<LexCodeHookResponse | undefined> {
  const slots = slotsOf(which);
  const label = which.toLowerCase();
  const postalWord = POSTAL_WORD[conv.localeId as LocaleId];

  // Same-named towns were offered last turn: the answer names one by its region ("the one in Wales").
  const offered = conv.json<{ city: string; region?: string; country?: string }[]>(BOOK.candidates(which));
  if (offered) {
    const region = regionNamedIn(conv.transcript, offered);
    if (region) {
      conv.setAttr(BOOK.region(which), region);
      conv.set(slots.city, offered[0].city, conv.original(slots.city) ?? offered[0].city);
    }
    conv.setAttr(BOOK.candidates(which), undefined);
  }

  const city = conv.value(slots.city);
  const street = streetOf(conv, which);
  const postcode = conv.value(slots.postalCode);
  if (!city || !street || !postcode) return undefined;
  const region = conv.attr(BOOK.region(which));
  const address: PostalAddress = { line1: street, city, postcode, country: COUNTRY[conv.localeId as LocaleId], ...(region ? { region } : {}) };
  const signature = [street, city, postcode, region ?? ''].join('|');
  if (conv.json<CheckedAddress>(BOOK.address(which))?.signature === signature) return undefined;

  const result = await checkAddress(address, deps);
  if (result.kind === 'matched') {
    conv.setJson(BOOK.address(which), { signature, address: validAddressOf(result.address) } satisfies CheckedAddress);
    conv.setAttr(BOOK.addressAttempts(which), undefined);
    return undefined;
  }
  conv.setAttr(BOOK.address(which), undefined);
  const attempts = conv.increment(BOOK.addressAttempts(which));
  if (attempts >= MAX_ADDRESS_ATTEMPTS) {
    return conv.handover('address-not-found', `I'm sorry, I still can't find that ${label} address.`, TRANSFER_FOR_ADDRESS);
  }
  switch (result.kind) {
    case 'ambiguous': {
      const candidates = result.candidates.slice(0, 3);
      conv.setJson(
        BOOK.candidates(which),
        candidates.map((candidate) => ({ city: candidate.city, region: candidate.region, country: candidate.country })),
      );
      conv.setAttr(BOOK.region(which), undefined);
      conv.clear(slots.city);
      return conv.elicitSlot(
        slots.city,
        `There's more than one ${city}: ${spokenList(
          candidates.map((candidate) => spokenPlace(candidate)),
          'or',
        )}. Which one is it? Please say the town with its ${conv.localeId === 'en_US' ? 'state' : 'county or country'}.`,
      );
    }
    case 'not_found':
      switch (result.reason) {
        case 'postcode_city_mismatch':
          if (attempts === 1) {
            conv.clear(slots.postalCode);
            return conv.elicitSlot(
              slots.postalCode,
              speak(`The ${postalWord} ${spellOut(postcode)} isn't in ${escapeSsml(city)}.`, escapeSsml(`What's the ${postalWord} of the ${label} address in ${city}?`)),
            );
          }
          conv.clear(slots.city, slots.street, slots.postalCode);
          conv.setAttr(BOOK.region(which), undefined);
          return conv.elicitSlot(slots.city, `I still can't match that ${postalWord} to ${city}. Let's take the ${label} address again. Which city or town is it in?`);
        case 'incomplete_address':
          conv.clear(slots.street);
          return conv.elicitSlot(slots.street, `I didn't get the street for the ${label} address. What's the house number and street?`);
        case 'unknown_place':
        default:
          conv.clear(slots.city, slots.postalCode);
          conv.setAttr(BOOK.region(which), undefined);
          return conv.elicitSlot(slots.city, `I couldn't find a place called ${city}. Which city or town is the ${label} address in?`);
      }
  }
}

const TRANSFER_FOR_ADDRESS = 'Let me put you through to a colleague who can help with the booking. Please hold.';

function validAddressOf(address: GeocodedAddress): ValidAddress {
  return {
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    ...(address.region ? { region: address.region } : {}),
    ...(address.postcode ? { postcode: address.postcode } : {}),
    country: address.country,
  };
}

function refuseSameAddress(conv: Conversation): LexCodeHookResponse | undefined {
  const pickup = conv.json<CheckedAddress>(BOOK.address('Pickup'));
  const delivery = conv.json<CheckedAddress>(BOOK.address('Delivery'));
  if (!pickup || !delivery) return undefined;
  const key = (address: ValidAddress) => [address.line1, address.city, address.postcode ?? ''].join('|').toLowerCase();
  if (key(pickup.address) !== key(delivery.address)) return undefined;
  const slots = slotsOf('Delivery');
  conv.clear(slots.city, slots.street, slots.postalCode).setAttr(BOOK.address('Delivery'), undefined);
  return conv.elicitSlot(slots.city, "That's the same as the pickup address. Where is the parcel going? Which city or town?");
}

// ----- parcel ------------------------------------------------------------------------------------

function checkParcel(conv: Conversation, deps: VoiceDependencies): LexCodeHookResponse | undefined {
  const size = conv.value('PackageSize') as ParcelSize | undefined;
  const amount = conv.value('PackageWeight');
  if (!size || amount === undefined || !PARCEL_SIZES.includes(size)) return undefined;
  const signature = `${size}|${amount}`;
  if (conv.attr(BOOK.parcel) === signature) return undefined;
  const unit = WEIGHT_UNIT_BY_LOCALE[conv.localeId as LocaleId];
  const check = checkParcelWeight(Number(amount), unit, size, deps.rules);
  switch (check.kind) {
    case 'ok':
      conv.setAttr(BOOK.parcel, signature);
      return undefined;
    case 'not_a_weight':
      conv.clear('PackageWeight');
      return conv.elicitSlot('PackageWeight', `Sorry, I need the weight as a number of ${unit}. Roughly how much does it weigh?`);
    case 'too_heavy':
      conv.clear('PackageWeight');
      return conv.elicitSlot('PackageWeight', `We can carry parcels up to ${spokenWeightLimit(check.maxKg, unit)}. How much does it weigh?`);
    case 'too_heavy_for_size': {
      const fits = check.fitsSizes.map((candidate) => candidate.toLowerCase().replace('_', ' '));
      conv.clear('PackageSize');
      return conv.elicitSlot(
        'PackageSize',
        `${capitalize(spokenParcelSize(size))} can weigh up to ${spokenWeightLimit(check.maxKg, unit)}, so at ${amount} ${unit} it needs to be ${spokenList(fits, 'or')}. Which size is it?`,
      );
    }
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ----- pickup window -----------------------------------------------------------------------------

function checkPickupDate(conv: Conversation, deps: VoiceDependencies): LexCodeHookResponse | undefined {
  const date = conv.value('PickupDate');
  if (!date) return undefined;
  const { rules } = deps;
  const today = serviceDateOf(deps.clock(), rules);
  const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) + rules.bookingHorizonDays * 86_400_000).toISOString().slice(0, 10);
  let problem: string | undefined;
  if (date < today) problem = `${spokenDate(date, conv.localeId)} has already passed.`;
  else if (date > lastDay) problem = `I can only book collections up to ${rules.bookingHorizonDays} days ahead.`;
  else if (!isServiceDay(date, rules)) problem = `We don't collect on ${spokenDate(date, conv.localeId).split(',')[0]}s.`;
  if (!problem) return undefined;
  conv.clear('PickupDate').setAttr(BOOK.window, undefined);
  return conv.elicitSlot('PickupDate', `${problem} Which other day would suit you?`);
}

async function checkPickupWindow(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse | undefined> {
  const date = conv.value('PickupDate');
  const timeSlot = conv.slotValue('PickupTime');
  if (!date || !timeSlot) {
    if (!date && !timeSlot) conv.setAttr(BOOK.offeredWindows, undefined);
    return undefined;
  }
  const requested = readRequestedTime(timeSlot);
  if (!requested) {
    conv.clear('PickupTime');
    return conv.elicitSlot('PickupTime', 'Sorry, what time should we come? For example, 10 AM, or the afternoon.');
  }
  const signature = `${date}|${timeSlot.originalValue}|${(timeSlot.resolvedValues ?? []).join(',')}`;
  const chosen = conv.json<{ signature: string; window: PickupWindow }>(BOOK.window);
  if (chosen?.signature === signature) return undefined;

  // The caller is answering our offer of other windows: "the 4 o'clock one", "8 AM".
  const offered = conv.json<PickupWindow[]>(BOOK.offeredWindows);
  conv.setAttr(BOOK.offeredWindows, undefined);
  const pick = offered && offeredWindowMatching(offered, requested);
  const targetDate = pick ? pick.date : date;
  if (pick && pick.date !== date) conv.set('PickupDate', pick.date, spokenDate(pick.date, conv.localeId));

  const choice = await findPickupWindow(targetDate, pick ? { kind: 'clock', readings: [pick.startLocal] } : requested, deps);
  if (choice.kind === 'available') {
    const currentSignature = `${targetDate}|${timeSlot.originalValue}|${(timeSlot.resolvedValues ?? []).join(',')}`;
    conv.setJson(BOOK.window, { signature: currentSignature, window: choice.window });
    return undefined;
  }
  conv.setAttr(BOOK.window, undefined);
  conv.clear('PickupTime');
  if (choice.alternatives.length === 0) {
    conv.clearScope(BOOK.prefix);
    return conv.elicitIntent(
      `${unavailableReason(choice.reason, choice.requested, requested, conv, deps)} I'm sorry, we have no free collection slots in the next ${deps.rules.bookingHorizonDays} days. Is there anything else I can help you with?`,
    );
  }
  conv.setJson(BOOK.offeredWindows, choice.alternatives);
  return conv.elicitSlot('PickupTime', offerWindows(unavailableReason(choice.reason, choice.requested, requested, conv, deps), choice.alternatives, conv.localeId));
}

function unavailableReason(
  reason: PickupWindowUnavailable,
  requestedWindow: PickupWindow | undefined,
  requested: NonNullable<ReturnType<typeof readRequestedTime>>,
  conv: Conversation,
  deps: VoiceDependencies,
): string {
  const { opens, closes } = serviceHours(deps.rules);
  const asked = requestedWindow ? `The ${spokenClock(requestedWindow.startLocal)} to ${spokenClock(requestedWindow.endLocal)} slot on ${spokenDate(requestedWindow.date, conv.localeId)}` : undefined;
  switch (reason) {
    case 'FULL':
      return `${asked ?? 'That slot'} is fully booked.`;
    case 'OUTSIDE_SERVICE_HOURS':
      return requested.kind === 'dayPart'
        ? `We don't collect in the ${DAY_PART_HOURS[requested.part].words}; our collections run from ${spokenClock(opens)} to ${spokenClock(closes)}.`
        : `That's outside our collection hours, which run from ${spokenClock(opens)} to ${spokenClock(closes)}.`;
    case 'IN_THE_PAST':
      return `${asked ?? 'That slot'} has already passed.`;
    case 'TOO_SOON':
      return `${asked ?? 'That slot'} starts too soon for us to get a courier there.`;
    case 'BEYOND_HORIZON':
      return `I can only book collections up to ${deps.rules.bookingHorizonDays} days ahead.`;
    case 'NOT_A_WORKING_DAY':
      return "We don't collect on that day.";
  }
}

function offerWindows(reason: string, windows: PickupWindow[], localeId: string): string {
  return `${reason} I can offer ${spokenList(
    windows.map((window) => spokenWindow(window, localeId)),
    'or',
  )}. Which would suit you? Just say the time, like ${spokenClock(windows[0].startLocal)}.`;
}

// ----- quote and confirmation --------------------------------------------------------------------

function handlingOf(conv: Conversation): SpecialHandling[] {
  return conv.values('SpecialHandling').filter((value): value is SpecialHandling => SPECIAL_HANDLING.includes(value as SpecialHandling));
}

function parcelOf(conv: Conversation): { size: ParcelSize; weightKg: number; handling: SpecialHandling[] } {
  const unit = WEIGHT_UNIT_BY_LOCALE[conv.localeId as LocaleId];
  return { size: conv.value('PackageSize') as ParcelSize, weightKg: toKilograms(Number(conv.value('PackageWeight')), unit), handling: handlingOf(conv) };
}

function quoteSignature(conv: Conversation): string {
  const window = conv.json<{ window: PickupWindow }>(BOOK.window)?.window.id;
  const addresses = (['Pickup', 'Delivery'] as const).map((which) => conv.json<CheckedAddress>(BOOK.address(which))?.signature);
  return JSON.stringify([addresses, parcelOf(conv), window, conv.value('CustomerName')]);
}

async function quoteAndConfirm(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const pickup = conv.json<CheckedAddress>(BOOK.address('Pickup'))!.address;
  const delivery = conv.json<CheckedAddress>(BOOK.address('Delivery'))!.address;
  const window = conv.json<{ window: PickupWindow }>(BOOK.window)!.window;
  const parcel = parcelOf(conv);
  let quoted;
  try {
    quoted = await quoteBookingRequest({ pickup, delivery, parcel }, deps);
  } catch (error) {
    if (isDomainError(error)) return redirectAfterRefusal(conv, error, deps);
    throw error;
  }
  const { quote } = quoted;
  conv.setJson(BOOK.quote, { signature: quoteSignature(conv), totalMinor: quote.totalMinor, currency: quote.currency });
  conv.intent.confirmationState = 'None';
  const unit = WEIGHT_UNIT_BY_LOCALE[conv.localeId as LocaleId];
  const handling = parcel.handling.length ? `, to be handled as ${spokenList(parcel.handling.map((need) => HANDLING_WORDS[need]), 'and')}` : '';
  return conv.confirm(
    speak(
      escapeSsml(
        `So that's ${spokenParcelSize(parcel.size)} of about ${conv.value('PackageWeight')} ${unit}${handling}, from ${pickup.line1}, ${pickup.city}, to ${delivery.line1}, ${delivery.city}.`,
      ),
      escapeSsml(`We'll collect it ${spokenWindow(window, conv.localeId)}.`),
      escapeSsml(`The price is ${spokenMoney(quote.totalMinor, quote.currency)}.`),
      pause(200),
      'Shall I book it?',
    ),
  );
}

// ----- fulfillment -------------------------------------------------------------------------------

async function fulfil(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const pickup = conv.json<CheckedAddress>(BOOK.address('Pickup'))?.address;
  const delivery = conv.json<CheckedAddress>(BOOK.address('Delivery'))?.address;
  const window = conv.json<{ window: PickupWindow }>(BOOK.window)?.window;
  // The dialog hook checks all of these before confirming; missing means the session was tampered with or lost.
  if (!pickup || !delivery || !window) return conv.handover('system-error', "I'm sorry, I lost track of some of the booking details.", TRANSFER_FOR_ADDRESS);
  const bookingNumber = conv.count(SESSION.bookingsMade);
  let booking: Booking;
  try {
    booking = await requestBooking(
      {
        // One key per booking made in this call: a repeated fulfillment of the same booking finds the first.
        idempotencyKey: `voice-${conv.sessionId}-${bookingNumber}`,
        customer: { name: conv.value('CustomerName') ?? conv.original('CustomerName') ?? '', phone: callerNumberOf(conv.attr(SESSION.callerNumber)) ?? '' },
        pickup,
        delivery,
        parcel: parcelOf(conv),
        pickupWindowId: window.id,
        notes: 'Booked by phone.',
      },
      { principal: VOICE_PRINCIPAL, channel: 'VOICE' },
      deps,
    );
  } catch (error) {
    if (isDomainError(error)) return redirectAfterRefusal(conv, error, deps);
    throw error;
  }
  conv.clearScope(BOOK.prefix);
  conv.setAttr(SESSION.bookingsMade, bookingNumber + 1).setAttr(SESSION.lastBookingReference, booking.reference).setAttr(SESSION.misunderstandings, undefined);
  return conv.close(
    'Fulfilled',
    speak(
      escapeSsml(`Your courier is booked for ${spokenWindow(booking.pickupWindow, conv.localeId)}, and the price is ${spokenMoney(booking.price.totalMinor, booking.price.currency)}.`),
      `Your booking reference is ${spellOut(booking.reference)}.`,
      pause(400),
      `Again, that's ${spellOut(booking.reference)}.`,
      escapeSsml("We've also sent it to you by text message."),
    ),
  );
}

/** A refusal from the quote or the saga, turned into the question that lets the caller fix it. */
async function redirectAfterRefusal(conv: Conversation, error: DomainError, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  conv.intent.confirmationState = 'None';
  conv.setAttr(BOOK.quote, undefined);
  const which: Which = error.info.which === 'delivery' ? 'Delivery' : 'Pickup';
  switch (error.name) {
    case 'PickupWindowFull': {
      const chosen = conv.json<{ window: PickupWindow }>(BOOK.window)?.window;
      const alternatives = await nextWindowsWithRoom(deps, ALTERNATIVES_OFFERED, chosen?.startsAt);
      conv.setAttr(BOOK.window, undefined).clear('PickupTime');
      if (alternatives.length === 0) {
        conv.clearScope(BOOK.prefix);
        return conv.elicitIntent(`I'm sorry, that slot has just filled up and there are no other free collection slots in the next ${deps.rules.bookingHorizonDays} days. ${ANYTHING_ELSE_SENTENCE}`);
      }
      conv.setJson(BOOK.offeredWindows, alternatives);
      return conv.elicitSlot('PickupTime', offerWindows("I'm sorry, that slot has just filled up, so nothing has been booked yet.", alternatives, conv.localeId));
    }
    case 'OutsideServiceArea': {
      const slots = slotsOf('Delivery');
      conv.clear(slots.city, slots.street, slots.postalCode).setAttr(BOOK.address('Delivery'), undefined);
      const maxKm = Number(error.info.maxKm);
      const limit = conv.localeId === 'en_US' ? `${Math.floor(maxKm / 1.609344)} miles` : `${maxKm} kilometres`;
      return conv.elicitSlot(slots.city, `I'm sorry, we only deliver up to ${limit} by road from the pickup, and that address is further. Where else could it go? Which city or town?`);
    }
    case 'AddressNotFound':
    case 'AddressAmbiguous': {
      const slots = slotsOf(which);
      conv.clear(slots.city, slots.postalCode).setAttr(BOOK.address(which), undefined);
      return conv.elicitSlot(slots.city, `I couldn't place the ${which.toLowerCase()} address. Which city or town is it in?`);
    }
    case 'PaymentDeclined':
      conv.clearScope(BOOK.prefix);
      return conv.elicitIntent(`I'm sorry, the payment didn't go through, so nothing has been booked. ${ANYTHING_ELSE_SENTENCE}`);
    case 'BookingInProgress':
      conv.clearScope(BOOK.prefix);
      conv.setAttr(SESSION.bookingsMade, conv.count(SESSION.bookingsMade) + 1);
      return conv.elicitIntent(`Your booking is taking a little longer to confirm. We'll text you the booking reference as soon as it's done. ${ANYTHING_ELSE_SENTENCE}`);
    case 'InvalidBookingRequest': {
      const fields = ((error.info.issues as { field: string }[] | undefined) ?? []).map((issue) => issue.field);
      if (fields.some((field) => field.startsWith('pickupWindowId'))) {
        conv.setAttr(BOOK.window, undefined).clear('PickupTime');
        return conv.elicitSlot('PickupTime', 'That slot can no longer be booked. What other time would suit you?');
      }
      if (fields.some((field) => field.startsWith('parcel.weightKg'))) {
        conv.setAttr(BOOK.parcel, undefined).clear('PackageWeight');
        return conv.elicitSlot('PackageWeight', "That weight doesn't fit the parcel size. How much does it weigh?");
      }
      return conv.handover('invalid-booking', "I'm sorry, I can't complete this booking by phone.", TRANSFER_FOR_ADDRESS);
    }
    default:
      return conv.handover('booking-refused', `I'm sorry, I couldn't complete the booking: ${error.message}`, TRANSFER_FOR_ADDRESS);
  }
}

const ANYTHING_ELSE_SENTENCE = 'Is there anything else I can help you with?';
