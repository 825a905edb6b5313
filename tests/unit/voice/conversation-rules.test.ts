// The pure rules behind the voice conversations: how replies are spoken (SSML), how a spoken time
// becomes a pickup window, how weights in the caller's unit meet the size limits, how same-named
// places are told apart, and how tracking facts are worded.
import fc from 'fast-check';
import { DEFAULT_BUSINESS_RULES } from '../../../functions/domain/business-rules';
import type { PickupWindow } from '../../../functions/domain/pickup-windows';
import { callerNumberOf } from '../../../functions/domain/voice/caller';
import { checkParcelWeight, spokenWeightLimit, toKilograms } from '../../../functions/domain/voice/parcel-weight';
import { isServiceDay, offeredWindowMatching, readRequestedTime, windowsForRequest } from '../../../functions/domain/voice/pickup-time';
import { regionNamedIn, spokenPlace } from '../../../functions/domain/voice/place-names';
import { escapeSsml, speak, spellOut, spokenClock, spokenDate, spokenList, spokenPhone, spokenWindow, ssmlToText } from '../../../functions/domain/voice/speech';
import { asksForCourierContact, courierContactReply, trackingReply, type DeliveryWhereabouts } from '../../../functions/domain/voice/tracking-reply';

const rules = DEFAULT_BUSINESS_RULES;
// Tuesday 8 December 2026: a working day.
const TUESDAY = '2026-12-08';

describe('speech', () => {
  it('spells references character by character in SSML and reads them back spaced out as text', () => {
    const markup = speak(`Your reference is ${spellOut('CB7K2M9Q')}.`);
    expect(markup).toEqual({ ssml: '<speak>Your reference is <say-as interpret-as="characters">CB7K2M9Q</say-as>.</speak>' });
    expect(ssmlToText((markup as { ssml: string }).ssml)).toBe('Your reference is C B 7 K 2 M 9 Q.');
  });

  it('escapes what would break the markup and decodes it again for text', () => {
    const markup = speak(escapeSsml(`Tom's <fragile> box & "lid"`));
    expect((markup as { ssml: string }).ssml).toBe('<speak>Tom&apos;s &lt;fragile&gt; box &amp; &quot;lid&quot;</speak>');
    expect(ssmlToText((markup as { ssml: string }).ssml)).toBe(`Tom's <fragile> box & "lid"`);
  });

  it('says times, dates, windows and lists the way people do', () => {
    expect(['08:00', '12:00', '14:30', '00:00', '16:00'].map(spokenClock)).toEqual(['8 AM', 'noon', '2:30 PM', '12 AM', '4 PM']);
    expect(spokenDate(TUESDAY, 'en_US')).toBe('Tuesday, December 8');
    expect(spokenDate(TUESDAY, 'en_GB')).toBe('Tuesday 8 December');
    const window = { date: TUESDAY, startLocal: '14:00', endLocal: '16:00' } as PickupWindow;
    expect(spokenWindow(window, 'en_US')).toBe('Tuesday, December 8, between 2 PM and 4 PM');
    expect(spokenList(['a', 'b', 'c'], 'or')).toBe('a, b or c');
    expect(spokenList(['a'], 'and')).toBe('a');
  });

  it('reads phone numbers in their national digit groups', () => {
    expect(ssmlToText(`<speak>${spokenPhone('+12065550123')}</speak>`)).toBe('2 0 6 5 5 5 0 1 2 3');
    expect(spokenPhone('+12065550123').match(/<say-as interpret-as="digits">/g)).toHaveLength(3);
    expect(ssmlToText(`<speak>${spokenPhone('+447911123456')}</speak>`)).toBe('0 7 9 1 1 1 2 3 4 5 6');
  });
});

describe('pickup time → window', () => {
  const time = (interpretedValue: string | null, resolvedValues: string[] = interpretedValue ? [interpretedValue] : []) => readRequestedTime({ interpretedValue, resolvedValues });

  it('reads clear times, ambiguous hours and parts of the day as AMAZON.Time resolves them', () => {
    expect(time('14:00')).toEqual({ kind: 'clock', readings: ['14:00'] });
    expect(time(null, ['10:00', '22:00'])).toEqual({ kind: 'clock', readings: ['10:00', '22:00'] });
    expect(time('MO')).toEqual({ kind: 'dayPart', part: 'MO' });
    expect(time(null, [])).toBeNull();
    expect(readRequestedTime(null)).toBeNull();
  });

  it('puts a time in the window that contains it, and an ambiguous hour in service hours only', () => {
    expect(windowsForRequest(TUESDAY, time('14:30')!, rules).map((w) => w.startLocal)).toEqual(['14:00']);
    expect(windowsForRequest(TUESDAY, time(null, ['10:00', '22:00'])!, rules).map((w) => w.startLocal)).toEqual(['10:00']);
    expect(windowsForRequest(TUESDAY, time('21:00')!, rules)).toEqual([]);
    expect(windowsForRequest(TUESDAY, time('07:59')!, rules)).toEqual([]);
  });

  it('offers every window overlapping a part of the day, earliest first; none at night', () => {
    expect(windowsForRequest(TUESDAY, time('MO')!, rules).map((w) => w.startLocal)).toEqual(['08:00', '10:00']);
    expect(windowsForRequest(TUESDAY, time('AF')!, rules).map((w) => w.startLocal)).toEqual(['12:00', '14:00', '16:00']);
    expect(windowsForRequest(TUESDAY, time('EV')!, rules).map((w) => w.startLocal)).toEqual(['16:00']);
    expect(windowsForRequest(TUESDAY, time('NI')!, rules)).toEqual([]);
  });

  it('knows Sunday has no windows', () => {
    expect(isServiceDay(TUESDAY, rules)).toBe(true);
    expect(isServiceDay('2026-12-13', rules)).toBe(false);
    expect(windowsForRequest('2026-12-13', time('10:00')!, rules)).toEqual([]);
  });

  it('property: every clock time within service hours lands in exactly one window, which contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8 * 60, max: 18 * 60 - 1 }), (minutes) => {
        const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const windows = windowsForRequest(TUESDAY, { kind: 'clock', readings: [hhmm] }, rules);
        return windows.length === 1 && windows[0].startLocal <= hhmm && hhmm < windows[0].endLocal;
      }),
    );
  });

  it('matches an answer to the offered windows only when it points at exactly one', () => {
    const offered = [
      { date: TUESDAY, startLocal: '16:00', endLocal: '18:00' },
      { date: '2026-12-09', startLocal: '08:00', endLocal: '10:00' },
      { date: '2026-12-09', startLocal: '10:00', endLocal: '12:00' },
    ] as PickupWindow[];
    expect(offeredWindowMatching(offered, { kind: 'clock', readings: ['16:00'] })).toBe(offered[0]);
    expect(offeredWindowMatching(offered, { kind: 'clock', readings: ['08:00', '20:00'] })).toBe(offered[1]);
    expect(offeredWindowMatching(offered, { kind: 'dayPart', part: 'MO' })).toBeUndefined();
    expect(offeredWindowMatching(offered, { kind: 'clock', readings: ['13:00'] })).toBeUndefined();
  });
});

describe('parcel weight', () => {
  it('converts pounds to kilograms to a tenth', () => {
    expect(toKilograms(12, 'pounds')).toBe(5.4);
    expect(toKilograms(3, 'kilograms')).toBe(3);
    expect(spokenWeightLimit(5, 'pounds')).toBe('11 pounds');
    expect(spokenWeightLimit(70, 'pounds')).toBe('154 pounds');
  });

  it('names the sizes that take a weight too heavy for the chosen one', () => {
    expect(checkParcelWeight(20, 'pounds', 'SMALL', rules)).toEqual({ kind: 'too_heavy_for_size', weightKg: 9.1, maxKg: 5, fitsSizes: ['MEDIUM', 'LARGE', 'EXTRA_LARGE'] });
    expect(checkParcelWeight(500, 'pounds', 'EXTRA_LARGE', rules)).toEqual({ kind: 'too_heavy', maxKg: 70 });
    expect(checkParcelWeight(0, 'kilograms', 'SMALL', rules)).toEqual({ kind: 'not_a_weight' });
    expect(checkParcelWeight(Number.NaN, 'kilograms', 'SMALL', rules)).toEqual({ kind: 'not_a_weight' });
    expect(checkParcelWeight(4, 'kilograms', 'SMALL', rules)).toEqual({ kind: 'ok', weightKg: 4 });
  });

  it('property: an accepted weight is positive and within the size limit', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 400, noNaN: true }), fc.constantFrom('SMALL', 'MEDIUM', 'LARGE', 'EXTRA_LARGE' as const), fc.constantFrom('pounds', 'kilograms' as const), (amount, size, unit) => {
        const check = checkParcelWeight(amount, unit, size, rules);
        return check.kind !== 'ok' || (check.weightKg > 0 && check.weightKg <= rules.sizes[size].maxWeightKg);
      }),
    );
  });
});

describe('places', () => {
  const candidates = [
    { region: 'Northern Ireland', country: 'GB' },
    { region: 'Wales', country: 'GB' },
  ];

  it('says US states by name', () => {
    expect(spokenPlace({ locality: 'Springfield', region: 'MO', country: 'US' })).toBe('Springfield, Missouri');
    expect(spokenPlace({ city: 'Bangor', region: 'Wales', country: 'GB' })).toBe('Bangor, Wales');
    expect(spokenPlace({ city: 'London' })).toBe('London');
  });

  it('finds the one region a caller names among same-named towns', () => {
    expect(regionNamedIn('Bangor in Wales', candidates)).toBe('Wales');
    expect(regionNamedIn('the one in northern ireland please', candidates)).toBe('Northern Ireland');
    expect(regionNamedIn('Bangor', candidates)).toBeUndefined();
    expect(regionNamedIn('Springfield Missouri', [{ region: 'MO', country: 'US' }, { region: 'IL', country: 'US' }])).toBe('MO');
    // "or" inside a sentence is not Oregon.
    expect(regionNamedIn('Portland or something', [{ region: 'OR', country: 'US' }, { region: 'ME', country: 'US' }])).toBeUndefined();
  });
});

describe('caller number', () => {
  it('accepts shown numbers and refuses withheld ones', () => {
    expect(callerNumberOf('+12065550123')).toBe('+12065550123');
    expect(callerNumberOf('anonymous')).toBeUndefined();
    expect(callerNumberOf('')).toBeUndefined();
    expect(callerNumberOf(undefined)).toBeUndefined();
  });
});

describe('tracking replies', () => {
  const booking = {
    reference: 'CB7K2M9Q',
    status: 'OUT_FOR_DELIVERY',
    pickup: { line1: '1200 Pine Street', city: 'Seattle', region: 'WA', country: 'US' },
    delivery: { line1: '500 108th Ave NE', city: 'Bellevue', region: 'WA', country: 'US' },
    pickupWindow: { date: TUESDAY, startLocal: '14:00', endLocal: '16:00' },
  } as unknown as DeliveryWhereabouts['booking'];
  const options = { localeId: 'en_US', timeZone: 'America/Los_Angeles', today: TUESDAY, includeCourierContact: false, offerCourierContact: false };
  const text = (utterance: ReturnType<typeof trackingReply>) => ssmlToText((utterance as { ssml: string }).ssml);

  it('says where a parcel on its way is by name and when it should arrive — never coordinates', () => {
    const facts: DeliveryWhereabouts = {
      booking,
      place: { locality: 'Bellevue', region: 'WA', country: 'US' },
      estimate: { kind: 'arrival', at: '2026-12-08T23:42:00Z' },
      courier: { firstName: 'Vera', phone: '+12065550999' },
    };
    const reply = text(trackingReply(facts, { ...options, offerCourierContact: true }));
    expect(reply).toBe(
      "Booking C B 7 K 2 M 9 Q. It's out for delivery, and the courier is currently near Bellevue, Washington. It should arrive around 3:40 PM today. Would you like the courier's phone number?",
    );
    expect(text(trackingReply(facts, { ...options, includeCourierContact: true }))).toContain('Your courier is Vera, and you can reach them on 2 0 6 5 5 5 0 9 9 9.');
    expect(text(courierContactReply(facts))).toContain("I'll say that again: 2 0 6 5 5 5 0 9 9 9");
  });

  it('gives the collection window before collection and no estimate it cannot make', () => {
    const waiting = text(trackingReply({ booking: { ...booking, status: 'ASSIGNED' }, estimate: { kind: 'collection', window: booking.pickupWindow } }, options));
    expect(waiting).toContain("It's waiting to be collected in Seattle, Washington. The courier is due to collect it Tuesday, December 8, between 2 PM and 4 PM.");
    const unknown = text(trackingReply({ booking: { ...booking, status: 'IN_TRANSIT' } }, options));
    expect(unknown).toContain('on its way from Seattle to Bellevue');
    expect(unknown).not.toMatch(/arrive/);
  });

  it('recognises a caller asking for the courier’s number', () => {
    expect(asksForCourierContact("can I get the driver's phone number")).toBe(true);
    expect(asksForCourierContact('how do I contact the courier')).toBe(true);
    expect(asksForCourierContact('where is my parcel')).toBe(false);
  });
});
