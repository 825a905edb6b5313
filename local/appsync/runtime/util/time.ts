// util.time: "Time helpers in util.time"
// (https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html).
// "The syntax for datetime formats is based on DateTimeFormatter", i.e. java.time.format.DateTimeFormatter
// patterns such as "yyyy-MM-dd HH:mm:ssZ". JavaScript has no formatter for those patterns, and
// luxon's own tokens differ from Java's where it matters (luxon's `Z` is "+5", Java's is "+0500"),
// so this module reads the Java pattern itself and uses luxon only for time-zone arithmetic.
//
// Supported pattern letters (Java meaning, US locale): G u y D M L d Q q E e c a h K k H m s S A n N
// V z O X x Z, week fields Y w W for formatting, 'quoted text', '' and [optional sections].
// Anything else is rejected with a clear error rather than formatted wrongly.
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { NotSupportedLocallyError, UtilArgumentError } from '../errors';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Token =
  | { kind: 'field'; letter: string; count: number }
  | { kind: 'literal'; text: string }
  | { kind: 'optionalStart' }
  | { kind: 'optionalEnd' };

const patternCache = new Map<string, Token[]>();

/** Splits a DateTimeFormatter pattern into runs of one letter, literals and optional-section markers. */
export function tokenizePattern(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  if (typeof pattern !== 'string') throw new UtilArgumentError('util.time', 'the format must be a string');
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const character = pattern[index];
    if (/[A-Za-z]/.test(character)) {
      let end = index;
      while (pattern[end] === character) end += 1;
      tokens.push({ kind: 'field', letter: character, count: end - index });
      index = end;
    } else if (character === "'") {
      if (pattern[index + 1] === "'") {
        tokens.push({ kind: 'literal', text: "'" });
        index += 2;
        continue;
      }
      let text = '';
      index += 1;
      for (;;) {
        if (index >= pattern.length) throw new UtilArgumentError('util.time', `unterminated quote in pattern "${pattern}"`);
        if (pattern[index] === "'") {
          if (pattern[index + 1] === "'") {
            text += "'";
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        text += pattern[index];
        index += 1;
      }
      tokens.push({ kind: 'literal', text });
    } else if (character === '[') {
      tokens.push({ kind: 'optionalStart' });
      index += 1;
    } else if (character === ']') {
      tokens.push({ kind: 'optionalEnd' });
      index += 1;
    } else if (character === '#' || character === '{' || character === '}') {
      throw new UtilArgumentError('util.time', `'${character}' is reserved in date-time patterns`);
    } else {
      tokens.push({ kind: 'literal', text: character });
      index += 1;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Time zones

/**
 * Resolves the time-zone argument the way java.time.ZoneId.of reads it: "Z"/"UTC"/"GMT", a fixed
 * offset such as "+08:00", "+0800" or "+8", a prefixed offset such as "UTC+08:00", or a region ID
 * such as "Australia/Perth". Missing means UTC, the documented default of every util.time function.
 */
export function resolveZone(timezone: string | null | undefined): Zone {
  if (timezone === null || timezone === undefined) return FixedOffsetZone.utcInstance;
  if (typeof timezone !== 'string') throw new UtilArgumentError('util.time', 'the time zone must be a string');
  if (timezone === 'Z' || timezone === 'UTC' || timezone === 'GMT' || timezone === 'UT') return FixedOffsetZone.utcInstance;
  const prefixed = /^(?:UTC|GMT|UT)([+-].*)$/.exec(timezone);
  const offsetText = prefixed ? prefixed[1] : timezone;
  const offsetMinutes = parseOffset(offsetText);
  if (offsetMinutes !== null) return FixedOffsetZone.instance(offsetMinutes);
  if (!prefixed && IANAZone.isValidZone(timezone)) return IANAZone.create(timezone);
  throw new UtilArgumentError('util.time', `unknown time zone "${timezone}"`);
}

/** "+h", "+hh", "+hh:mm", "+hhmm", "+hh:mm:ss", "+hhmmss" in minutes, or null if not an offset. */
function parseOffset(text: string): number | null {
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [, sign, hours, minutes = '0', seconds = '0'] = match;
  if (Number(hours) > 18 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  const total = Number(hours) * 60 + Number(minutes) + Number(seconds) / 60;
  return sign === '-' ? -total : total;
}

function zoneId(zone: Zone): string {
  if (zone instanceof IANAZone) return zone.name;
  const offset = zone.offset(0);
  return offset === 0 ? 'Z' : formatOffset(offset, { separator: ':', zeroAs: null, minutes: 'always' });
}

function formatOffset(
  totalMinutes: number,
  options: { separator: '' | ':'; zeroAs: string | null; minutes: 'always' | 'ifNonZero' },
): string {
  if (totalMinutes === 0 && options.zeroAs !== null) return options.zeroAs;
  const sign = totalMinutes < 0 ? '-' : '+';
  // Java prints whole hours and minutes of the offset and drops any seconds (historic LMT offsets).
  const absolute = Math.trunc(Math.abs(totalMinutes));
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const minutes = String(absolute % 60).padStart(2, '0');
  if (options.minutes === 'ifNonZero' && minutes === '00') return `${sign}${hours}`;
  return `${sign}${hours}${options.separator}${minutes}`;
}

/** Java's localized offset, "GMT+8" (short) or "GMT+08:00" (full); plain "GMT" at zero. */
function localizedOffset(totalMinutes: number, full: boolean): string {
  if (totalMinutes === 0) return 'GMT';
  const sign = totalMinutes < 0 ? '-' : '+';
  const absolute = Math.trunc(Math.abs(totalMinutes));
  const hours = Math.floor(absolute / 60);
  const minutes = absolute % 60;
  if (full) return `GMT${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return minutes === 0 ? `GMT${sign}${hours}` : `GMT${sign}${hours}:${String(minutes).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const pad = (value: number, width: number) => {
  const text = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${text}` : text;
};

function text(count: number, full: string, short: string, narrow: string): string {
  if (count <= 3) return short;
  if (count === 4) return full;
  return narrow;
}

/** US-locale week fields: weeks start on Sunday and week 1 is the week containing 1 January. */
function usWeekFields(dt: DateTime): { weekBasedYear: number; weekOfYear: number; weekOfMonth: number } {
  const sundayBased = dt.weekday % 7; // Sunday 0 ... Saturday 6
  const startOfDay = dt.startOf('day');
  const weekBasedYear = startOfDay.plus({ days: 6 - sundayBased }).year;
  const janFirst = DateTime.fromObject({ year: weekBasedYear, month: 1, day: 1 }, { zone: dt.zone });
  const firstWeekStart = janFirst.minus({ days: janFirst.weekday % 7 });
  const weekOfYear = Math.floor(Math.round(startOfDay.diff(firstWeekStart, 'days').days) / 7) + 1;
  const firstOfMonth = startOfDay.set({ day: 1 });
  const weekOfMonth = Math.floor((dt.day - 1 + (firstOfMonth.weekday % 7)) / 7) + 1;
  return { weekBasedYear, weekOfYear, weekOfMonth };
}

function formatField(dt: DateTime, letter: string, count: number): string {
  const invalidCount = () => new UtilArgumentError('util.time', `too many pattern letters: ${letter.repeat(count)}`);
  const number = (value: number, maxCount = 2) => {
    if (count > maxCount) throw invalidCount();
    return pad(value, count);
  };
  switch (letter) {
    case 'G':
      return text(count, dt.year > 0 ? 'Anno Domini' : 'Before Christ', dt.year > 0 ? 'AD' : 'BC', dt.year > 0 ? 'A' : 'B');
    case 'u':
    case 'y': {
      const year = letter === 'y' && dt.year <= 0 ? 1 - dt.year : dt.year;
      // two letters print the last two digits; otherwise at least `count` digits
      return count === 2 ? pad(((year % 100) + 100) % 100, 2) : pad(year, count);
    }
    case 'Y': {
      const { weekBasedYear } = usWeekFields(dt);
      return count === 2 ? pad(((weekBasedYear % 100) + 100) % 100, 2) : pad(weekBasedYear, count);
    }
    case 'D':
      return number(dt.ordinal, 3);
    case 'M':
    case 'L':
      if (count <= 2) return pad(dt.month, count);
      return text(count, MONTHS[dt.month - 1], MONTHS[dt.month - 1].slice(0, 3), MONTHS[dt.month - 1][0]);
    case 'd':
      return number(dt.day);
    case 'Q':
    case 'q': {
      const quarter = dt.quarter;
      if (count <= 2) return pad(quarter, count);
      if (count === 3) return `Q${quarter}`;
      if (count === 4) return `${['1st', '2nd', '3rd', '4th'][quarter - 1]} quarter`;
      return String(quarter);
    }
    case 'w':
      return number(usWeekFields(dt).weekOfYear);
    case 'W':
      return number(usWeekFields(dt).weekOfMonth, 1);
    case 'E': {
      const name = WEEKDAYS[dt.weekday - 1];
      return text(count, name, name.slice(0, 3), name[0]);
    }
    case 'e':
    case 'c': {
      if (count <= 2) return pad((dt.weekday % 7) + 1, count); // US: Sunday is day 1
      const name = WEEKDAYS[dt.weekday - 1];
      return text(count, name, name.slice(0, 3), name[0]);
    }
    case 'a':
      if (count > 1) throw invalidCount();
      return dt.hour < 12 ? 'AM' : 'PM';
    case 'h':
      return number(dt.hour % 12 === 0 ? 12 : dt.hour % 12);
    case 'K':
      return number(dt.hour % 12);
    case 'k':
      return number(dt.hour === 0 ? 24 : dt.hour);
    case 'H':
      return number(dt.hour);
    case 'm':
      return number(dt.minute);
    case 's':
      return number(dt.second);
    case 'S':
      // a fraction of the second, truncated to `count` digits; milliseconds are all there is
      return String(dt.millisecond).padStart(3, '0').padEnd(count, '0').slice(0, count);
    case 'A':
      return pad(dt.hour * 3_600_000 + dt.minute * 60_000 + dt.second * 1000 + dt.millisecond, count);
    case 'n':
      return pad(dt.millisecond * 1_000_000, count);
    case 'N':
      return pad((dt.hour * 3_600_000 + dt.minute * 60_000 + dt.second * 1000 + dt.millisecond) * 1_000_000, count);
    case 'V':
      if (count !== 2) throw new UtilArgumentError('util.time', 'the zone ID pattern must be VV');
      return zoneId(dt.zone);
    case 'z': {
      if (count > 4) throw invalidCount();
      if (!(dt.zone instanceof IANAZone)) return dt.offset === 0 ? 'UTC' : zoneId(dt.zone);
      return (count === 4 ? dt.offsetNameLong : dt.offsetNameShort) ?? zoneId(dt.zone);
    }
    case 'O':
      if (count !== 1 && count !== 4) throw new UtilArgumentError('util.time', 'the localized offset pattern must be O or OOOO');
      return localizedOffset(dt.offset, count === 4);
    case 'X':
    case 'x': {
      const zeroAs = letter === 'X' ? 'Z' : null;
      switch (count) {
        case 1:
          return formatOffset(dt.offset, { separator: '', zeroAs, minutes: 'ifNonZero' });
        case 2:
        case 4:
          return formatOffset(dt.offset, { separator: '', zeroAs, minutes: 'always' });
        case 3:
        case 5:
          return formatOffset(dt.offset, { separator: ':', zeroAs, minutes: 'always' });
        default:
          throw invalidCount();
      }
    }
    case 'Z':
      if (count <= 3) return formatOffset(dt.offset, { separator: '', zeroAs: null, minutes: 'always' });
      if (count === 4) return localizedOffset(dt.offset, true);
      if (count === 5) return formatOffset(dt.offset, { separator: ':', zeroAs: 'Z', minutes: 'always' });
      throw invalidCount();
    default:
      throw new NotSupportedLocallyError(`the date-time pattern letter '${letter}' in util.time`);
  }
}

export function formatEpochMillis(milliseconds: number, pattern: string, timezone?: string | null): string {
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds)) {
    throw new UtilArgumentError('util.time', 'the timestamp must be a number of milliseconds');
  }
  const dt = DateTime.fromMillis(Math.trunc(milliseconds), { zone: resolveZone(timezone) });
  let output = '';
  for (const token of tokenizePattern(pattern)) {
    if (token.kind === 'literal') output += token.text;
    else if (token.kind === 'field') output += formatField(dt, token.letter, token.count);
    // optional sections print in full when formatting: every field is available from an instant
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface ParsedFields {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hourOfDay?: number;
  hourOfAmPm?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  bc?: boolean;
  zone?: Zone;
}

interface FieldParser {
  source: string;
  apply(match: string, fields: ParsedFields): void;
}

const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const names = (list: readonly string[]) => list.map(escapeRegExp).join('|');

function numberParser(count: number, maxWidth: number, assign: (value: number, fields: ParsedFields) => void): FieldParser {
  // one letter accepts any width up to the field's maximum; more letters fix the width
  const source = count === 1 ? `\\d{1,${maxWidth}}` : `\\d{${count}}`;
  return { source, apply: (match, fields) => assign(Number(match), fields) };
}

function offsetParser(source: string): FieldParser {
  return {
    source,
    apply(match, fields) {
      const normalised = match.replace(/^GMT/, '');
      if (normalised === '' || normalised === 'Z') {
        fields.zone = FixedOffsetZone.utcInstance;
        return;
      }
      const minutes = parseOffset(normalised);
      if (minutes === null) throw new UtilArgumentError('util.time', `invalid offset "${match}"`);
      fields.zone = FixedOffsetZone.instance(minutes);
    },
  };
}

function fieldParser(letter: string, count: number): FieldParser {
  switch (letter) {
    case 'u':
    case 'y':
    case 'Y':
      if (letter === 'Y') throw new NotSupportedLocallyError("parsing the week-based-year pattern letter 'Y' in util.time");
      if (count === 2) {
        // Java's reduced two-digit year counts from 2000
        return { source: '\\d{2}', apply: (match, fields) => (fields.year = 2000 + Number(match)) };
      }
      return {
        source: `[+-]?\\d{${Math.max(count, 1)},10}`,
        apply: (match, fields) => (fields.year = Number(match)),
      };
    case 'G':
      return {
        source: count === 4 ? 'Anno Domini|Before Christ' : count === 5 ? 'A|B' : 'AD|BC',
        apply: (match, fields) => (fields.bc = match.startsWith('B')),
      };
    case 'M':
    case 'L':
      if (count <= 2) return numberParser(count, 2, (value, fields) => (fields.month = value));
      {
        const list = count === 3 ? MONTHS.map((name) => name.slice(0, 3)) : MONTHS;
        if (count > 4) throw new NotSupportedLocallyError('parsing narrow month names in util.time');
        return { source: names(list), apply: (match, fields) => (fields.month = list.indexOf(match) + 1) };
      }
    case 'd':
      return numberParser(count, 2, (value, fields) => (fields.day = value));
    case 'D':
      return { source: count === 1 ? '\\d{1,3}' : `\\d{${count},3}`, apply: (match, fields) => (fields.dayOfYear = Number(match)) };
    case 'E':
      // the day of the week is checked for form only; the date comes from the other fields
      return { source: count === 4 ? names(WEEKDAYS) : names(WEEKDAYS.map((name) => name.slice(0, 3))), apply: () => undefined };
    case 'a':
      return { source: 'AM|PM', apply: (match, fields) => (fields.pm = match === 'PM') };
    case 'H':
      return numberParser(count, 2, (value, fields) => (fields.hourOfDay = value));
    case 'k':
      return numberParser(count, 2, (value, fields) => (fields.hourOfDay = value === 24 ? 0 : value));
    case 'h':
      return numberParser(count, 2, (value, fields) => (fields.hourOfAmPm = value === 12 ? 0 : value));
    case 'K':
      return numberParser(count, 2, (value, fields) => (fields.hourOfAmPm = value));
    case 'm':
      return numberParser(count, 2, (value, fields) => (fields.minute = value));
    case 's':
      return numberParser(count, 2, (value, fields) => (fields.second = value));
    case 'S':
      return {
        source: `\\d{${count}}`,
        apply: (match, fields) => (fields.millisecond = Math.floor(Number(`0.${match}`) * 1000 + 1e-9)),
      };
    case 'Z':
      if (count <= 3) return offsetParser('[+-]\\d{4}');
      if (count === 4) return offsetParser('GMT(?:[+-]\\d{2}:\\d{2})?');
      return offsetParser('Z|[+-]\\d{2}:\\d{2}');
    case 'X':
    case 'x': {
      const zero = letter === 'X' ? 'Z|' : '';
      if (count === 1) return offsetParser(`${zero}[+-]\\d{2}(?:\\d{2})?`);
      if (count === 2 || count === 4) return offsetParser(`${zero}[+-]\\d{4}`);
      return offsetParser(`${zero}[+-]\\d{2}:\\d{2}`);
    }
    case 'O':
      return offsetParser(count === 4 ? 'GMT(?:[+-]\\d{2}:\\d{2})?' : 'GMT(?:[+-]\\d{1,2}(?::\\d{2})?)?');
    case 'V':
      return {
        source: 'Z|[+-]\\d{2}:?\\d{2}|[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*',
        apply: (match, fields) => (fields.zone = resolveZone(match)),
      };
    case 'z':
      return {
        source: 'UTC|GMT|Z',
        apply: (_match, fields) => (fields.zone = FixedOffsetZone.utcInstance),
      };
    default:
      throw new NotSupportedLocallyError(`parsing the date-time pattern letter '${letter}' in util.time`);
  }
}

const parserCache = new Map<string, { regex: RegExp; parsers: FieldParser[] }>();

function compileParser(pattern: string): { regex: RegExp; parsers: FieldParser[] } {
  const cached = parserCache.get(pattern);
  if (cached) return cached;
  const parsers: FieldParser[] = [];
  let source = '';
  for (const token of tokenizePattern(pattern)) {
    if (token.kind === 'literal') source += escapeRegExp(token.text);
    else if (token.kind === 'optionalStart') source += '(?:';
    else if (token.kind === 'optionalEnd') source += ')?';
    else {
      const parser = fieldParser(token.letter, token.count);
      parsers.push(parser);
      source += `(${parser.source})`;
    }
  }
  const compiled = { regex: new RegExp(`^${source}$`), parsers };
  parserCache.set(pattern, compiled);
  return compiled;
}

/**
 * util.time.parseFormattedToEpochMilliSeconds(timestamp, format, timezone?).
 * A zone or offset written in the timestamp wins; otherwise the `timezone` argument applies, and
 * UTC without one (java.time's rule for a formatter with an override zone). Missing date fields
 * default to 1970-01-01 and missing time fields to zero. A day-of-month past the end of its month
 * is moved to the last day, as Java's default SMART resolver does.
 */
export function parseFormattedToEpochMillis(timestamp: string, pattern: string, timezone?: string | null): number {
  if (typeof timestamp !== 'string') throw new UtilArgumentError('util.time.parseFormattedToEpochMilliSeconds', 'the timestamp must be a string');
  const { regex, parsers } = compileParser(pattern);
  const match = regex.exec(timestamp);
  if (!match) {
    throw new UtilArgumentError('util.time.parseFormattedToEpochMilliSeconds', `"${timestamp}" does not match the pattern "${pattern}"`);
  }
  const fields: ParsedFields = {};
  parsers.forEach((parser, index) => {
    const captured = match[index + 1];
    if (captured !== undefined) parser.apply(captured, fields);
  });
  const zone = fields.zone ?? resolveZone(timezone);
  let year = fields.year ?? 1970;
  if (fields.bc) year = 1 - year;
  let hour = fields.hourOfDay ?? 0;
  if (fields.hourOfAmPm !== undefined) hour = fields.hourOfAmPm + (fields.pm ? 12 : 0);
  else if (fields.pm !== undefined && fields.hourOfDay !== undefined && fields.pm !== hour >= 12) {
    throw new UtilArgumentError('util.time.parseFormattedToEpochMilliSeconds', `"${timestamp}" has an AM/PM marker that contradicts its hour`);
  }
  let month = fields.month ?? 1;
  let day = fields.day ?? 1;
  if (fields.dayOfYear !== undefined && fields.month === undefined && fields.day === undefined) {
    const fromOrdinal = DateTime.fromObject({ year, ordinal: fields.dayOfYear }, { zone });
    if (!fromOrdinal.isValid) {
      throw new UtilArgumentError('util.time.parseFormattedToEpochMilliSeconds', `day-of-year ${fields.dayOfYear} is out of range`);
    }
    month = fromOrdinal.month;
    day = fromOrdinal.day;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || (fields.minute ?? 0) > 59 || (fields.second ?? 0) > 59) {
    throw new UtilArgumentError('util.time.parseFormattedToEpochMilliSeconds', `"${timestamp}" is not a valid date-time`);
  }
  const daysInMonth = DateTime.fromObject({ year, month, day: 1 }, { zone: FixedOffsetZone.utcInstance }).daysInMonth ?? 31;
  const parsed = DateTime.fromObject(
    { year, month, day: Math.min(day, daysInMonth), hour, minute: fields.minute ?? 0, second: fields.second ?? 0, millisecond: fields.millisecond ?? 0 },
    { zone },
  );
  if (!parsed.isValid) {
    throw new UtilArgumentError('util.time.parseFormattedToEpochMilliSeconds', `"${timestamp}" is not a valid date-time`);
  }
  return parsed.toMillis();
}

/** util.time.parseISO8601ToEpochMilliSeconds: an offset in the text applies, UTC otherwise. */
export function parseISO8601ToEpochMillis(timestamp: string): number {
  if (typeof timestamp !== 'string') throw new UtilArgumentError('util.time.parseISO8601ToEpochMilliSeconds', 'the timestamp must be a string');
  const parsed = DateTime.fromISO(timestamp, { zone: FixedOffsetZone.utcInstance, setZone: true });
  if (!parsed.isValid) {
    throw new UtilArgumentError('util.time.parseISO8601ToEpochMilliSeconds', `"${timestamp}" is not an ISO 8601 timestamp`);
  }
  return parsed.toMillis();
}

/** ISO 8601 in UTC with milliseconds, as in the docs' example "2018-02-06T19:01:35.749Z". */
export function epochMillisToISO8601(milliseconds: number): string {
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || Math.abs(milliseconds) > 8.64e15) {
    throw new UtilArgumentError('util.time.epochMilliSecondsToISO8601', 'the timestamp must be a number of milliseconds');
  }
  return new Date(Math.trunc(milliseconds)).toISOString();
}

/** Java's long division: truncates toward zero. */
export const epochMillisToSeconds = (milliseconds: number): number => Math.trunc(milliseconds / 1000);

