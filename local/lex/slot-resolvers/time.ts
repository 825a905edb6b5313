// AMAZON.Time, as documented for Lex V2 (built-in-slot-time.html): "HH:MM" when the time is
// clear; for an hour that could be morning or evening ("10 o'clock") interpretedValue is null
// and resolvedValues holds both readings; parts of the day resolve to MO, AF, EV or NI.
import { parseNumberAt } from './number-words';
import { spanText, type ResolvedValue, type Utterance } from './types';

const DAY_PARTS: Readonly<Record<string, string>> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' };
const AFTER_NOON_PARTS = new Set(['afternoon', 'evening', 'night', 'tonight']);

const pad = (value: number) => String(value).padStart(2, '0');
const hhmm = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;

interface ClockReading {
  hour: number;
  minute: number;
  /** 'am' | 'pm' when said, or implied by "in the morning"/"in the evening". */
  meridiem?: 'am' | 'pm';
  start: number;
  end: number;
}

/** am/pm written "pm", "p m", "p.m." (the tokenizer splits the last two). */
function meridiemAt(tokens: readonly string[], index: number): { meridiem: 'am' | 'pm'; length: number } | undefined {
  const token = tokens[index];
  if (token === 'am' || token === 'pm') return { meridiem: token, length: 1 };
  if ((token === 'a' || token === 'p') && tokens[index + 1] === 'm') return { meridiem: token === 'a' ? 'am' : 'pm', length: 2 };
  return undefined;
}

function readClock(tokens: readonly string[], index: number): ClockReading | undefined {
  const token = tokens[index];
  if (token === 'noon' || token === 'midday') return { hour: 12, minute: 0, meridiem: 'pm', start: index, end: index + 1 };
  if (token === 'midnight') return { hour: 0, minute: 0, meridiem: 'am', start: index, end: index + 1 };

  // "half past two", "quarter past three", "quarter to five", "ten past four", "twenty to six".
  const relative = (() => {
    let cursor = index;
    let minutes: number | undefined;
    if (token === 'half') minutes = 30;
    else if (token === 'quarter' || (token === 'a' && tokens[index + 1] === 'quarter')) {
      minutes = 15;
      if (token === 'a') cursor++;
    } else {
      const parsed = parseNumberAt(tokens, index);
      if (parsed && !parsed.ordinal && parsed.value > 0 && parsed.value < 60 && Number.isInteger(parsed.value)) {
        minutes = parsed.value;
        cursor += parsed.length - 1;
        if (tokens[cursor + 1] === 'minutes') cursor++;
      }
    }
    const direction = tokens[cursor + 1];
    if (minutes === undefined || (direction !== 'past' && direction !== 'to' && direction !== 'after')) return undefined;
    const hour = parseNumberAt(tokens, cursor + 2);
    if (!hour || hour.ordinal || hour.value < 1 || hour.value > 12) return undefined;
    const total = direction === 'to' ? (hour.value - 1) * 60 + (60 - minutes) : hour.value * 60 + minutes;
    return { hour: Math.floor(total / 60) % 24 || 12, minute: total % 60, start: index, end: cursor + 2 + hour.length };
  })();
  if (relative) return relative;

  // Digits with a colon survive tokenizing as two tokens ("14", "30") — read "14:30" via the raw text instead.
  const compact = /^(\d{1,2})(am|pm)$/.exec(token ?? '');
  if (compact) return { hour: Number(compact[1]), minute: 0, meridiem: compact[2] as 'am' | 'pm', start: index, end: index + 1 };
  const hour = parseNumberAt(tokens, index);
  if (!hour || hour.ordinal || !Number.isInteger(hour.value) || hour.value > 23) return undefined;
  let cursor = index + hour.length;
  let minute = 0;
  if (tokens[cursor] === "o'clock" || tokens[cursor] === 'oclock') cursor++;
  else if (tokens[cursor] === 'oh' && tokens[cursor + 1]) {
    const single = parseNumberAt(tokens, cursor + 1);
    if (single && single.value < 10) {
      minute = single.value;
      cursor += 1 + single.length;
    }
  } else {
    const minutes = parseNumberAt(tokens, cursor);
    if (minutes && !minutes.ordinal && Number.isInteger(minutes.value) && minutes.value < 60 && (minutes.value >= 10 || /^\d\d$/.test(tokens[cursor]))) {
      minute = minutes.value;
      cursor += minutes.length;
    }
  }
  const meridiem = meridiemAt(tokens, cursor);
  if (meridiem) cursor += meridiem.length;
  const hasTimeWord =
    meridiem || tokens[index + hour.length] === "o'clock" || tokens[index + hour.length] === 'oclock' || minute > 0 || hour.value > 12 || dayPartAfter(tokens, cursor) !== undefined;
  // A bare number is a time only when the previous word says so ("at 10", "around 3").
  const cue = tokens[index - 1];
  if (!hasTimeWord && !(cue === 'at' || cue === 'around' || cue === 'about' || cue === 'by' || cue === 'after' || cue === 'before' || cue === 'from')) {
    if (!(index === 0 && tokens.length <= hour.length + 1)) return undefined;
  }
  return { hour: hour.value, minute, meridiem: meridiem?.meridiem, start: index, end: cursor };
}

/** "in the morning", "this afternoon", "at night" after a clock time decides am/pm. */
function dayPartAfter(tokens: readonly string[], index: number): { part: string; length: number } | undefined {
  for (let length = 1; length <= 3; length++) {
    const last = tokens[index + length - 1];
    if (last && DAY_PARTS[last]) {
      const lead = tokens.slice(index, index + length - 1);
      if (lead.every((word) => word === 'in' || word === 'the' || word === 'this' || word === 'at')) return { part: last, length };
    }
  }
  return undefined;
}

function resolved(originalValue: string, span: [number, number], values: string[], interpreted: string | null): ResolvedValue {
  return { originalValue, interpretedValue: interpreted, resolvedValues: values, span };
}

export function resolveTime(utterance: Utterance, raw: string): ResolvedValue | undefined {
  const { tokens } = utterance;
  // "14:30", "2:30 pm", "9.15am" in typed input.
  const colon = /\b(\d{1,2})[:.](\d{2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?![\d])/i.exec(raw);
  if (colon) {
    const hour = Number(colon[1]);
    const minute = Number(colon[2]);
    const meridiem = colon[3]?.toLowerCase().startsWith('p') ? 'pm' : colon[3] ? 'am' : undefined;
    if (hour <= 23 && minute < 60) {
      const startToken = utterance.original.findIndex((token) => token.startsWith(colon[1]));
      const span: [number, number] = [Math.max(startToken, 0), Math.max(startToken, 0) + 2];
      return clockResult(utterance, { hour, minute, meridiem, start: span[0], end: span[1] }, colon[0]);
    }
  }
  for (let index = 0; index < tokens.length; index++) {
    const clock = readClock(tokens, index);
    if (clock) {
      const part = dayPartAfter(tokens, clock.end);
      if (part && !clock.meridiem) {
        clock.meridiem = AFTER_NOON_PARTS.has(part.part) ? 'pm' : 'am';
        clock.end += part.length;
      }
      return clockResult(utterance, clock);
    }
  }
  for (let index = 0; index < tokens.length; index++) {
    const part = DAY_PARTS[tokens[index]];
    if (part) return resolved(spanText(utterance, index, index + 1), [index, index + 1], [part], part);
  }
  return undefined;
}

function clockResult(utterance: Utterance, clock: ClockReading, typed?: string): ResolvedValue {
  const originalValue = typed ?? spanText(utterance, clock.start, clock.end);
  const span: [number, number] = [clock.start, clock.end];
  let { hour } = clock;
  if (clock.meridiem === 'pm' && hour < 12) hour += 12;
  if (clock.meridiem === 'am' && hour === 12) hour = 0;
  if (clock.meridiem || hour === 0 || hour > 12) {
    const value = hhmm(hour, clock.minute);
    return resolved(originalValue, span, [value], value);
  }
  // Ambiguous: "10 o'clock" is 10:00 or 22:00; "12" is noon or midnight.
  const morning = hhmm(hour === 12 ? 0 : hour, clock.minute);
  const evening = hhmm(hour === 12 ? 12 : hour + 12, clock.minute);
  return resolved(originalValue, span, hour === 12 ? [evening, morning] : [morning, evening], null);
}
