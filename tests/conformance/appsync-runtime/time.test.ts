// util.time conformance. Documented behaviour: "Time helpers in util.time"
// https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html
// ("The syntax for datetime formats is based on DateTimeFormatter") and the worked examples of
// "Time helpers in $util.time" https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time.html,
// which fix the clock at 2018-02-06T19:01:35.749Z. Pattern letters follow
// java.time.format.DateTimeFormatter ("Patterns for Formatting and Parsing").
import fc from 'fast-check';
import { compileValue, evaluate, evaluateAll, expressionResolver, newRuntime } from './helpers';

describe('util.time: the documented examples', () => {
  test('now* functions read the clock (fixed here at the docs instant 2018-02-06T19:01:35.749Z)', () => {
    expect(
      evaluateAll([
        'util.time.nowISO8601()',
        'util.time.nowEpochSeconds()',
        'util.time.nowEpochMilliSeconds()',
        'util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ")',
        'util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ", "+08:00")',
        'util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ", "Australia/Perth")',
      ]),
    ).toEqual([
      '2018-02-06T19:01:35.749Z',
      1517943695,
      1517943695749,
      '2018-02-06 19:01:35+0000',
      '2018-02-07 03:01:35+0800',
      '2018-02-07 03:01:35+0800',
    ]);
  });

  test('parsing and converting', () => {
    expect(
      evaluateAll([
        'util.time.parseFormattedToEpochMilliSeconds("2018-02-01 17:56:45+0000", "yyyy-MM-dd HH:mm:ssZ")',
        'util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.180+08:00")',
        'util.time.epochMilliSecondsToSeconds(1517943695758)',
        'util.time.epochMilliSecondsToISO8601(1517943695758)',
        'util.time.epochMilliSecondsToFormatted(1517943695758, "yyyy-MM-dd HH:mm:ssZ")',
        'util.time.epochMilliSecondsToFormatted(1517943695758, "yyyy-MM-dd HH:mm:ssZ", "+08:00")',
      ]),
    ).toEqual([1517507805000, 1517476865180, 1517943695, '2018-02-06T19:01:35.758Z', '2018-02-06 19:01:35+0000', '2018-02-07 03:01:35+0800']);
  });

  test('the clock is the runtime option, not the wall clock', () => {
    const runtime = newRuntime({ now: () => Date.UTC(2030, 0, 2, 3, 4, 5, 6) });
    expect(evaluateAll(['util.time.nowISO8601()', 'Date.now()', 'new Date().toISOString()'], {}, runtime)).toEqual([
      '2030-01-02T03:04:05.006Z',
      Date.UTC(2030, 0, 2, 3, 4, 5, 6),
      '2030-01-02T03:04:05.006Z',
    ]);
  });
});

const at = (pattern: string, zone?: string) =>
  evaluate(`util.time.epochMilliSecondsToFormatted(1517943695758, ${JSON.stringify(pattern)}${zone ? `, ${JSON.stringify(zone)}` : ''})`);

describe('DateTimeFormatter pattern letters', () => {
  test.each([
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", undefined, '2018-02-06T19:01:35.758Z'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '+05:30', '2018-02-07T00:31:35.758+05:30'],
    ['EEE, d MMM yyyy HH:mm:ss Z', undefined, 'Tue, 6 Feb 2018 19:01:35 +0000'],
    ['EEEE MMMM dd yy', undefined, 'Tuesday February 06 18'],
    ['h:mm a', undefined, '7:01 PM'],
    ['K k H', undefined, '7 19 19'],
    ['D QQQ', undefined, '37 Q1'],
    ["''yy'' 'o''clock'", undefined, "'18' o'clock"],
    ['yyyy[-MM]', undefined, '2018-02'],
    ['S SS SSSS', undefined, '7 75 7580'],
    ['VV z', 'Australia/Perth', 'Australia/Perth GMT+8'],
    ['x xx xxx X', undefined, '+00 +0000 +00:00 Z'],
    ['O OOOO ZZZZ ZZZZZ', '-03:30', 'GMT-3:30 GMT-03:30 GMT-03:30 -03:30'],
    ['HH:mm Z', 'America/New_York', '14:01 -0500'],
  ])('%s in %s', (pattern, zone, expected) => {
    expect(at(pattern, zone)).toBe(expected);
  });

  test('daylight saving time follows the zone rules', () => {
    expect(evaluate('util.time.epochMilliSecondsToFormatted(1530446400000, "HH:mm Z", "America/New_York")')).toBe('08:00 -0400');
  });

  test('an unknown zone or an unsupported letter fails with a clear message', () => {
    const [zone, letter] = evaluateAll([
      '(() => { try { return util.time.nowFormatted("HH", "Mars/Olympus"); } catch (e) { return e.message; } })()',
      '(() => { try { return util.time.nowFormatted("b"); } catch (e) { return e.message; } })()',
    ]);
    expect(zone).toBe('util.time: unknown time zone "Mars/Olympus"');
    expect(letter).toBe("not supported by the local AppSync runtime: the date-time pattern letter 'b' in util.time");
  });

  test('parsing: the zone in the text wins, then the timezone argument, then UTC; 12-hour clocks need the AM/PM marker', () => {
    expect(
      evaluateAll([
        'util.time.parseFormattedToEpochMilliSeconds("2018-02-01 17:56:45", "yyyy-MM-dd HH:mm:ss")',
        'util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:56:45", "yyyy-MM-dd HH:mm:ss", "Australia/Perth")',
        'util.time.parseFormattedToEpochMilliSeconds("2018-02-01 17:56:45 +0000", "yyyy-MM-dd HH:mm:ss Z", "Australia/Perth")',
        'util.time.parseFormattedToEpochMilliSeconds("Feb 1, 2018 5:56 PM", "MMM d, yyyy h:mm a")',
        'util.time.parseFormattedToEpochMilliSeconds("2018-02-31", "yyyy-MM-dd")',
      ]),
    ).toEqual([1517507805000, 1517507805000, 1517507805000, 1517507760000, Date.UTC(2018, 1, 28)]);
  });

  test('text that does not match the pattern is an error, not a guess', () => {
    const [message] = evaluateAll(['(() => { try { return util.time.parseFormattedToEpochMilliSeconds("2018/02/01", "yyyy-MM-dd"); } catch (e) { return e.message; } })()']);
    expect(message).toBe('util.time.parseFormattedToEpochMilliSeconds: "2018/02/01" does not match the pattern "yyyy-MM-dd"');
  });
});

// Instants between 1900 and 2100, and zones of every kind the timezone argument accepts.
const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
const ianaZone = fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Perth', 'Pacific/Chatham', 'America/St_Johns');
const fixedZone = fc
  .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 15, 30, 45))
  .map(([sign, hours, minutes]) => `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);

describe('util.time (property)', () => {
  const formatAndParse = compileValue(
    expressionResolver(`(() => {
      const text = util.time.epochMilliSecondsToFormatted(args.ms, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", args.zone);
      return [text, util.time.parseFormattedToEpochMilliSeconds(text, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")];
    })()`),
  );
  const isoRoundTrip = compileValue(expressionResolver('util.time.parseISO8601ToEpochMilliSeconds(util.time.epochMilliSecondsToISO8601(args.ms))'));
  const wallClock = compileValue(expressionResolver('util.time.epochMilliSecondsToFormatted(args.ms, "yyyy-MM-dd HH:mm:ss", args.zone)'));
  const localRoundTrip = compileValue(
    expressionResolver(`util.time.parseFormattedToEpochMilliSeconds(
      util.time.epochMilliSecondsToFormatted(args.ms, "yyyy-MM-dd HH:mm:ss.SSS", args.zone), "yyyy-MM-dd HH:mm:ss.SSS", args.zone)`),
  );

  // Since 1972 every zone's offset is a whole number of minutes, which is all an "+HH:MM" offset can carry.
  test('formatting with an offset and parsing it back gives the same instant, in any zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.oneof(ianaZone, fixedZone), (ms, zone) => {
        const [, parsed] = formatAndParse({ ms, zone }) as [string, number];
        expect(parsed).toBe(ms);
      }),
      { numRuns: 200 },
    );
  });

  test('epochMilliSecondsToISO8601 and parseISO8601ToEpochMilliSeconds are inverse', () => {
    fc.assert(fc.property(instant, (ms) => expect(isoRoundTrip({ ms })).toBe(ms)), { numRuns: 200 });
  });

  test('wall-clock fields in a region zone agree with the platform time-zone database (Intl)', () => {
    fc.assert(
      fc.property(instant, ianaZone, (ms, zone) => {
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          })
            .formatToParts(new Date(ms))
            .map((part) => [part.type, part.value]),
        );
        expect(wallClock({ ms, zone })).toBe(`${parts.year.padStart(4, '0')}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`);
      }),
      { numRuns: 200 },
    );
  });

  test('a local time without an offset, parsed in the same fixed-offset zone, is the same instant', () => {
    fc.assert(fc.property(instant, fixedZone, (ms, zone) => expect(localRoundTrip({ ms, zone })).toBe(ms)), { numRuns: 200 });
  });
});
