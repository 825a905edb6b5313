// AMAZON.Date, as documented for Lex V2 (built-in-slot-date.html): ISO-8601 dates resolved
// against the runtime's clock in the caller's time zone, specific dates on or after today,
// "next week" as the last day of the current week, "this/last week" as a week's Monday,
// "next month" as its last day, "this month" as its first.
// Choices where the documentation is silent: a bare weekday is the next such day on or after
// today; "next <weekday>" is that day in the following week; numeric dates read month first in
// en_US and day first elsewhere.
import { DateTime } from 'luxon';
import { ORDINAL_WORDS, parseNumberAt } from './number-words';
import { spanText, type ResolvedValue, type ResolverContext, type Utterance } from './types';

const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

interface DateMatch {
  date: DateTime;
  start: number;
  end: number;
}

function iso(date: DateTime): string {
  return date.toISODate()!;
}

/** Day-of-month at tokens[index]: "3", "3rd", "third", "twenty first". */
function dayAt(tokens: readonly string[], index: number): { day: number; length: number } | undefined {
  const parsed = parseNumberAt(tokens, index);
  if (!parsed || !Number.isInteger(parsed.value) || parsed.value < 1 || parsed.value > 31) return undefined;
  return { day: parsed.value, length: parsed.length };
}

function yearAt(tokens: readonly string[], index: number): { year: number; length: number } | undefined {
  const token = tokens[index];
  if (token && /^(19|20)\d{2}$/.test(token)) return { year: Number(token), length: 1 };
  return undefined;
}

/** A month and day, in the given year or — without one — the next occurrence on or after today. */
function calendarDate(today: DateTime, month: number, day: number, year?: number): DateTime | undefined {
  const candidate = DateTime.fromObject({ year: year ?? today.year, month, day }, { zone: today.zone });
  if (!candidate.isValid || candidate.day !== day) return undefined;
  if (year === undefined && candidate < today.startOf('day')) return candidate.plus({ years: 1 });
  return candidate;
}

function matchAt(tokens: readonly string[], index: number, today: DateTime): DateMatch | undefined {
  const token = tokens[index];
  const next = tokens[index + 1];
  const at = (date: DateTime | undefined, length: number): DateMatch | undefined => (date ? { date, start: index, end: index + length } : undefined);

  if (token === 'today' || token === 'now' || token === 'tonight') return at(today, 1);
  if (token === 'tomorrow') return at(today.plus({ days: 1 }), 1);
  if (token === 'yesterday') return at(today.minus({ days: 1 }), 1);
  if (token === 'day' && next === 'after' && tokens[index + 2] === 'tomorrow') return at(today.plus({ days: 2 }), 3);
  if ((token === 'this' || token === 'next' || token === 'last') && (next === 'week' || next === 'month')) {
    if (next === 'week') {
      if (token === 'next') return at(today.endOf('week').startOf('day'), 2);
      return at((token === 'last' ? today.minus({ weeks: 1 }) : today).startOf('week'), 2);
    }
    if (token === 'next') return at(today.plus({ months: 1 }).endOf('month').startOf('day'), 2);
    return at((token === 'last' ? today.minus({ months: 1 }) : today).startOf('month'), 2);
  }
  if (token === 'in') {
    const amount = parseNumberAt(tokens, index + 1);
    const unit = amount && tokens[index + 1 + amount.length];
    if (amount && unit && /^(day|days|week|weeks)$/.test(unit)) {
      const days = unit.startsWith('week') ? amount.value * 7 : amount.value;
      return at(today.plus({ days }), 2 + amount.length);
    }
    if (next === 'a' && tokens[index + 2] === 'week') return at(today.plus({ days: 7 }), 3);
  }
  // Weekdays: "Monday", "this Monday", "next Monday", "on Monday", "coming Monday".
  const weekdayWithPrefix = (prefix: string | undefined, weekdayToken: string | undefined, length: number) => {
    const weekday = weekdayToken ? WEEKDAYS[weekdayToken] : undefined;
    if (!weekday) return undefined;
    if (prefix === 'next') return at(today.plus({ weeks: 1 }).startOf('week').plus({ days: weekday - 1 }), length);
    return at(today.plus({ days: (weekday - today.weekday + 7) % 7 }), length);
  };
  if ((token === 'next' || token === 'this' || token === 'coming') && next && WEEKDAYS[next]) return weekdayWithPrefix(token, next, 2);
  if (WEEKDAYS[token]) return weekdayWithPrefix(undefined, token, 1);

  // "December 3rd", "December the third", "Dec 3 2026".
  if (MONTHS[token]) {
    let cursor = index + 1;
    if (tokens[cursor] === 'the') cursor++;
    const day = dayAt(tokens, cursor);
    if (day) {
      cursor += day.length;
      const year = yearAt(tokens, cursor);
      return at(calendarDate(today, MONTHS[token], day.day, year?.year), cursor + (year?.length ?? 0) - index);
    }
  }
  // "the 3rd of December", "3rd December", "3 Dec 2026", "the 12th".
  {
    let cursor = index;
    if (token === 'the') cursor++;
    const day = dayAt(tokens, cursor);
    const dayToken = tokens[cursor];
    const isOrdinal = day && (/\d(st|nd|rd|th)$/.test(dayToken) || ORDINAL_WORDS[tokens[cursor + day.length - 1]] !== undefined);
    if (day) {
      let after = cursor + day.length;
      if (tokens[after] === 'of') after++;
      const month = tokens[after] ? MONTHS[tokens[after]] : undefined;
      if (month) {
        const year = yearAt(tokens, after + 1);
        return at(calendarDate(today, month, day.day, year?.year), after + 1 + (year?.length ?? 0) - index);
      }
      // A bare ordinal ("on the 12th") is that day this month, or next month once it has passed.
      if (isOrdinal && (token === 'the' || tokens[index - 1] === 'on')) {
        let date = calendarDate(today, today.month, day.day, today.year);
        if (!date || date < today.startOf('day')) date = calendarDate(today.plus({ months: 1 }), today.plus({ months: 1 }).month, day.day, today.plus({ months: 1 }).year);
        return at(date, cursor + day.length - index);
      }
    }
  }
  return undefined;
}

/** Numeric forms, which the tokenizer would split: 2026-12-03, 12/3, 3/12/2026. */
function numericDate(text: string, today: DateTime, localeId: string): DateTime | undefined {
  const isoMatch = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(text);
  if (isoMatch) return calendarDate(today, Number(isoMatch[2]), Number(isoMatch[3]), Number(isoMatch[1]));
  const slash = /\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b/.exec(text);
  if (slash) {
    const [first, second] = [Number(slash[1]), Number(slash[2])];
    const [month, day] = localeId === 'en_US' ? [first, second] : [second, first];
    const year = slash[3] ? (slash[3].length === 2 ? 2000 + Number(slash[3]) : Number(slash[3])) : undefined;
    return calendarDate(today, month, day, year);
  }
  return undefined;
}

export function resolveDate(utterance: Utterance, raw: string, context: ResolverContext): ResolvedValue | undefined {
  const today = DateTime.fromJSDate(context.now, { zone: context.timeZone }).startOf('day');
  const numeric = numericDate(raw, today, context.localeId);
  if (numeric) {
    const value = iso(numeric);
    const index = utterance.original.findIndex((token) => /\d/.test(token));
    return { originalValue: raw.trim(), interpretedValue: value, resolvedValues: [value], span: [Math.max(index, 0), utterance.tokens.length] };
  }
  for (let index = 0; index < utterance.tokens.length; index++) {
    const match = matchAt(utterance.tokens, index, today);
    if (match) {
      const value = iso(match.date);
      return { originalValue: spanText(utterance, match.start, match.end), interpretedValue: value, resolvedValues: [value], span: [match.start, match.end] };
    }
  }
  return undefined;
}
