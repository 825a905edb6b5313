// How the bot says things: SSML for what speech synthesis must not guess at (references spelled
// one character at a time, phone numbers in digit groups, pauses), and the plain wording of
// dates, windows, money and lists. Pure: the code hook turns these into Lex messages, and the
// local call simulator strips the markup for its text transcript with `ssmlToText`.
import { DateTime } from 'luxon';
import type { PickupWindow } from '../pickup-windows';
import { formatMoney } from '../pricing';

/** A reply: plain text, or SSML when it needs markup. */
export type Utterance = { text: string } | { ssml: string };

const XML_ESCAPES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export function escapeSsml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => XML_ESCAPES[char]);
}

/**
 * A value read one character at a time ("C B 7 K 2 M 9 Q"). References are random letters and
 * digits, which speech synthesis would otherwise read as words or numbers.
 */
export function spellOut(value: string): string {
  return `<say-as interpret-as="characters">${escapeSsml(value)}</say-as>`;
}

export function pause(milliseconds: number): string {
  return `<break time="${Math.round(milliseconds)}ms"/>`;
}

/** Wraps markup fragments (already escaped or built with the helpers above) into one SSML document. */
export function speak(...fragments: string[]): Utterance {
  return { ssml: `<speak>${fragments.filter((fragment) => fragment !== '').join(' ')}</speak>` };
}

/** Plain text for SSML: entity-decoded, tags dropped, characters of a spelled value spaced out. */
export function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<say-as[^>]*interpret-as="(?:characters|digits|spell-out)"[^>]*>([^<]*)<\/say-as>/g, (_, inner: string) => [...decodeEntities(inner).replace(/\s+/g, '')].join(' '))
    .replace(/<break[^>]*\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|amp|apos|quot);/g, (entity) => decodeEntities(entity))
    .replace(/\s+([.,?!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

export function utteranceText(utterance: Utterance): string {
  return 'text' in utterance ? utterance.text : ssmlToText(utterance.ssml);
}

/** "a, b or c" */
export function spokenList(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "8 AM", "2:30 PM", "noon" — how people say a clock time. */
export function spokenClock(hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  if (hour === 12 && minute === 0) return 'noon';
  const suffix = hour < 12 ? 'AM' : 'PM';
  const twelveHour = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0 ? `${twelveHour} ${suffix}` : `${twelveHour}:${String(minute).padStart(2, '0')} ${suffix}`;
}

/** "Wednesday 2 December" (en_GB) or "Wednesday, December 2" (en_US). */
export function spokenDate(date: string, localeId: string): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return localeId === 'en_GB' ? day.toFormat('cccc d LLLL') : day.toFormat('cccc, LLLL d');
}

/** "Wednesday, December 2, between 2 PM and 4 PM". */
export function spokenWindow(window: PickupWindow, localeId: string): string {
  return `${spokenDate(window.date, localeId)}, between ${spokenClock(window.startLocal)} and ${spokenClock(window.endLocal)}`;
}

/** An instant as a clock time in a zone: "around 3:40 PM" is said by the caller of this. */
export function spokenTimeOfDay(instant: string, timeZone: string): string {
  const local = DateTime.fromISO(instant, { zone: timeZone });
  // Estimates are spoken to the nearest five minutes: anything finer promises a precision we lack.
  const rounded = local.set({ minute: Math.round(local.minute / 5) * 5, second: 0, millisecond: 0 });
  return spokenClock(rounded.toFormat('HH:mm'));
}

export function spokenMoney(amountMinor: number, currency: string): string {
  return formatMoney(amountMinor, currency);
}

/**
 * A phone number read in digit groups: "+1 206 555 0123". Grouping by the national pattern
 * (3-3-4 for North America, else pairs after the country code) keeps it easy to write down.
 */
export function spokenPhone(e164: string): string {
  const digits = e164.replace(/[^\d]/g, '');
  const groups =
    e164.startsWith('+1') && digits.length === 11
      ? [digits.slice(1, 4), digits.slice(4, 7), digits.slice(7)]
      : e164.startsWith('+44') && digits.length === 12
        ? [digits.slice(2, 6), digits.slice(6)].map((group, index) => (index === 0 ? `0${group}` : group))
        : [digits];
  return groups.map((group) => `<say-as interpret-as="digits">${group}</say-as>`).join(` ${pause(250)} `);
}

/** "a medium parcel", "an extra large parcel". */
export function spokenParcelSize(size: string): string {
  const words = size.toLowerCase().replace('_', ' ');
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} parcel`;
}
