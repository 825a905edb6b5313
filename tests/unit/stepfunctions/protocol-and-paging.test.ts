import fc from 'fast-check';
import { StepFunctionsApiError } from '../../../local/stepfunctions/errors';
import { paginate } from '../../../local/stepfunctions/history';
import { serializeResponse } from '../../../local/stepfunctions/http-server';
import { isValidResourceName } from '../../../local/stepfunctions/service';
import { isWellFormedTaskToken, TaskTokenRegistry } from '../../../local/stepfunctions/task-tokens';

describe('paginate', () => {
  it('returns every item exactly once, in order, for any page size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 300 }), fc.integer({ min: 0, max: 1000 }), (items, maxResults) => {
        const seen: number[] = [];
        let nextToken: string | undefined;
        let pages = 0;
        do {
          const result = paginate(items, maxResults, nextToken, 'scope');
          expect(result.page.length).toBeLessThanOrEqual(maxResults || 100);
          seen.push(...result.page);
          nextToken = result.nextToken;
          pages += 1;
        } while (nextToken);
        expect(seen).toEqual(items);
        expect(pages).toBe(Math.max(1, Math.ceil(items.length / (maxResults || 100))));
      })
    );
  });

  it('refuses tokens from another listing, garbage tokens and out-of-range page sizes', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const { nextToken } = paginate(items, 3, undefined, 'history:a');
    expect(() => paginate(items, 3, nextToken, 'history:b')).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
    expect(() => paginate(items, 3, '%%%', 'history:a')).toThrow(StepFunctionsApiError);
    for (const bad of [-1, 1001, 2.5])
      expect(() => paginate(items, bad, undefined, 's')).toThrow(expect.objectContaining({ code: 'ValidationException' }));
  });
});

describe('JSON 1.0 serialization', () => {
  it('writes Dates as epoch seconds with millisecond precision, at any depth', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true }), (date) => {
        const parsed = JSON.parse(serializeResponse({ startDate: date, events: [{ timestamp: date, type: 'X' }], name: 'n' }));
        expect(parsed.startDate).toBe(date.getTime() / 1000);
        expect(parsed.events[0].timestamp).toBe(date.getTime() / 1000);
        // @aws-sdk/client-sfn reads epoch seconds as new Date(Math.round(seconds * 1000)) (@smithy/core parseEpochTimestamp).
        expect(new Date(Math.round(parsed.startDate * 1000)).getTime()).toBe(date.getTime());
        expect(parsed.name).toBe('n');
      })
    );
  });
});

describe('names and task tokens', () => {
  it('accepts names of 1–80 allowed characters and refuses any forbidden character', () => {
    const allowed = fc.stringMatching(/^[A-Za-z0-9_.()+=@!-]{1,80}$/);
    fc.assert(fc.property(allowed, (name) => expect(isValidResourceName(name)).toBe(true)));
    const forbidden = fc.constantFrom(...' \t<>{}[]?*"#%\\^|~`$&,;:/'.split(''), '\u0000', '\u007f');
    const shorter = fc.stringMatching(/^[A-Za-z0-9_.()+=@!-]{0,79}$/);
    fc.assert(
      fc.property(shorter, forbidden, fc.nat(), (name, bad, at) => {
        const position = at % (name.length + 1);
        expect(isValidResourceName(`${name.slice(0, position)}${bad}${name.slice(position)}`)).toBe(false);
      })
    );
    expect(isValidResourceName('')).toBe(false);
    expect(isValidResourceName('x'.repeat(81))).toBe(false);
  });

  it('mints unique, URL-safe tokens and classifies calls on them like the SendTask* API', () => {
    const registry = new TaskTokenRegistry();
    const tokens = Array.from({ length: 500 }, () => registry.mint());
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((token) => isWellFormedTaskToken(token) && encodeURIComponent(token) === token)).toBe(true);

    const received: unknown[] = [];
    const [open] = tokens;
    registry.open(open, {
      onTaskSuccess: (output) => received.push(output),
      onTaskFailure: () => received.push('failure'),
      onTaskHeartbeat: () => received.push('heartbeat'),
    });
    registry.heartbeat(open);
    expect(() => registry.succeed(open, 'not json')).toThrow(expect.objectContaining({ code: 'InvalidOutput' }));
    registry.succeed(open, '{"ok":true}');
    expect(received).toEqual(['heartbeat', { ok: true }]);
    expect(() => registry.succeed(open, '{}')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
    expect(() => registry.fail(tokens[1], 'E', 'C')).toThrow(expect.objectContaining({ code: 'TaskDoesNotExist' }));
    fc.assert(
      fc.property(
        fc.string().filter((text) => !isWellFormedTaskToken(text)),
        (text) => {
          expect(() => registry.heartbeat(text)).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
        }
      )
    );
  });
});
