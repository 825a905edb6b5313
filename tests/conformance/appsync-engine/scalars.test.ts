// AppSync's scalars through the engine, on all three paths a value takes: a variable
// (parseValue), a literal in the document (parseLiteral) and a resolver's result (serialize).
// Accepted and refused values are the examples of "Scalar types in AWS AppSync" and of the
// scalar descriptions AppSync publishes in its introspection schema, plus answers AppSync is
// known to give ("Unable to parse `1110004444` as a valid phone number").
import fc from 'fast-check';
import { ECHO_ARGUMENTS, RecordingDataSource, testEngine } from './support';

const SCALARS = ['AWSDate', 'AWSTime', 'AWSDateTime', 'AWSTimestamp', 'AWSEmail', 'AWSJSON', 'AWSPhone', 'AWSURL', 'AWSIPAddress'] as const;
type ScalarName = (typeof SCALARS)[number];
const FIELD: Record<ScalarName, string> = {
  AWSDate: 'date',
  AWSTime: 'time',
  AWSDateTime: 'dateTime',
  AWSTimestamp: 'timestamp',
  AWSEmail: 'email',
  AWSJSON: 'json',
  AWSPhone: 'phone',
  AWSURL: 'url',
  AWSIPAddress: 'ip',
};

const SDL = /* GraphQL */ `
  type Values {
    ${SCALARS.map((s) => `${FIELD[s]}: ${s}`).join('\n    ')}
    "How the resolver saw the AWSJSON argument."
    jsonSeen: String
  }
  type Query {
    echo(${SCALARS.map((s) => `${FIELD[s]}: ${s}`).join(', ')}): Values
    "Puts one JSON value into every field of Values, to test output serialization."
    emit(value: AWSJSON): Values
    requiredDate: AWSDate!
  }
`;

const echoSource = new RecordingDataSource();
const { run } = testEngine({
  sdl: SDL,
  resolvers: {
    'Query.echo': {
      code: `
        export function request(ctx) {
          return { payload: { ...ctx.arguments, jsonSeen: JSON.stringify({ type: typeof ctx.arguments.json, value: ctx.arguments.json }) } };
        }
        export function response(ctx) { return ctx.result; }
      `,
      dataSource: echoSource,
    },
    'Query.emit': `
      export function request(ctx) {
        const v = ctx.arguments.value;
        return { payload: { ${SCALARS.map((s) => `${FIELD[s]}: v`).join(', ')} } };
      }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.requiredDate': `
      export function request() { return { payload: 'not-a-date' }; }
      export function response(ctx) { return ctx.result; }
    `,
  },
});

const ACCEPTED: Record<ScalarName, unknown[]> = {
  // "1970-01-01Z, 1970-01-01-07:00 and 1970-01-01+05:30 are all valid dates"; seconds in the
  // offset "will be considered valid even though it is not part of the ISO 8601 standard".
  AWSDate: ['1970-01-01', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30', '1970-01-01+05:30:15', '2020-02-29'],
  // "12:30Z, 12:30:24-07:00 and 12:30:24.500+05:30 are all valid"; seconds and 1–9 digit
  // nanoseconds are optional.
  AWSTime: ['12:30Z', '12:30:24-07:00', '12:30:24.500+05:30', '12:30', '23:59:59', '12:30:24.123456789Z'],
  // Same time rules, and "the time zone offset is compulsory for this scalar".
  AWSDateTime: ['1970-01-01T12:30Z', '1970-01-01T12:30:24-07:00', '2018-02-06T19:01:35.749Z', '1970-01-01T12:30:24.123456789+05:30:15'],
  // Seconds since the epoch; "negative values are also accepted".
  AWSTimestamp: [0, 1518044495, -86400],
  AWSEmail: ['username@example.com', 'first.last+tag@mail.example.co.uk'],
  // "Maps like {"upvotes": 10}, lists like [1,2,3], and scalar values like "AWSJSON example
  // string", 1, and true are accepted as valid JSON."
  AWSJSON: ['{"upvotes": 10}', '[1,2,3]', '"AWSJSON example string"', '1', 'true', 'null'],
  // "may be whitespace delimited or hyphenated"; without a country code: NANP.
  AWSPhone: ['+1 206 555 0100', '206-555-0100', '2065550100', '+44 20 7946 0958', '+61 2 9374 4000'],
  // "https://www.amazon.com/dp/B000NZW3KC/ or mailto:example@example.com"; "may also be a
  // local URL (Ex: <http://localhost/>)".
  AWSURL: ['https://www.amazon.com/dp/B000NZW3KC/', 'mailto:example@example.com', 'http://localhost/', 'http://localhost:8700/graphql?x=1'],
  // Quad-dotted IPv4, non-bracketed colon-separated IPv6, optional CIDR suffix.
  AWSIPAddress: ['123.12.34.56', '1a2b:3c4b::1234:4567', '123.45.67.89/16', '::1', '2001:db8::/32'],
};

const REFUSED: Record<ScalarName, unknown[]> = {
  AWSDate: ['1970-1-1', '19700101', '2021-02-29', '1970-13-01', '1970-01-00', '1970-01-01T00:00Z', '1970-01-01+5:30', ''],
  AWSTime: ['24:00', '12:60', '1230', '12:30.5', '12:30:24.1234567890', '12:30:60', '12:30:24+0530'],
  AWSDateTime: ['1970-01-01T12:30', '1970-01-01 12:30Z', '1970-01-01', '1970-02-30T00:00Z', '1970-01-01T12:30:24.1234567891Z', '12:30Z'],
  AWSTimestamp: [1.5, '1518044495', true],
  AWSEmail: ['username', '@example.com', 'user@@example.com', 'user@example', 'user name@example.com'],
  // "Invalid JSON strings like {a: 1}, {'a': 1} and Unquoted string will throw GraphQL validation errors."
  AWSJSON: ['{a: 1}', "{'a': 1}", 'Unquoted string', '', { upvotes: 10 }],
  // AppSync: "Unable to parse `1110004444` as a valid phone number."
  AWSPhone: ['1110004444', '555', 'call me', '+1 206 555 0100 ext. 7', '5555555555'],
  // "URLs without schemes ... are considered invalid"; no "//" in the path part.
  AWSURL: ['www.amazon.com', '/dp/B000NZW3KC/', 'https://www.amazon.com/dp//B000NZW3KC/', 'http:////', 'https://exa mple.com/'],
  AWSIPAddress: ['256.0.0.1', '1.2.3', '10.0.0.0/33', '[1a2b::1]', '::1/129', 'localhost'],
};

/** A GraphQL literal for a value of the scalar. */
function literal(value: unknown): string {
  return JSON.stringify(value);
}

describe.each(SCALARS)('%s', (scalar) => {
  const field = FIELD[scalar];
  // AWSJSON reaches the resolver parsed; what it answers is checked in the AWSJSON block below.
  const selection = scalar === 'AWSJSON' ? 'jsonSeen' : field;
  const expected = (value: unknown) => (scalar === 'AWSJSON' ? JSON.stringify({ type: typeof JSON.parse(value as string), value: JSON.parse(value as string) }) : value);

  it.each(ACCEPTED[scalar].map((v) => [v]))('accepts %p as a variable and as a literal, unchanged', async (value) => {
    const viaVariable = await run(`query Q($v: ${scalar}) { echo(${field}: $v) { ${selection} } }`, undefined, { v: value });
    expect(viaVariable).toEqual({ data: { echo: { [selection]: expected(value) } } });
    const viaLiteral = await run(`{ echo(${field}: ${literal(value)}) { ${selection} } }`);
    expect(viaLiteral).toEqual({ data: { echo: { [selection]: expected(value) } } });
  });

  it.each(REFUSED[scalar].map((v) => [v]))('refuses %p as a variable before any resolver runs', async (value) => {
    const callsBefore = echoSource.calls.length;
    const response = await run(`query Q($v: ${scalar}) { echo(${field}: $v) { ${field} } }`, undefined, { v: value });
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: null, message: expect.stringContaining('$v') });
    expect(echoSource.calls.length).toBe(callsBefore);
  });

  it.each(REFUSED[scalar].filter((v) => typeof v !== 'object').map((v) => [v]))('refuses %p as a literal at validation', async (value) => {
    const callsBefore = echoSource.calls.length;
    const response = await run(`{ echo(${field}: ${literal(value)}) { ${field} } }`);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ path: null, errorType: 'ValidationError' })]);
    expect(echoSource.calls.length).toBe(callsBefore);
  });

  if (scalar !== 'AWSJSON') {
    it.each(REFUSED[scalar].map((v) => [v]))('will not serialize %p from a resolver: the field is null with an error at its path', async (value) => {
      const response = await run(`query Q($v: AWSJSON) { emit(value: $v) { ${field} } }`, undefined, { v: JSON.stringify(value) });
      expect(response.data).toEqual({ emit: { [field]: null } });
      expect(response.errors).toEqual([expect.objectContaining({ path: ['emit', field], message: expect.stringContaining(scalar) })]);
    });

    it.each(ACCEPTED[scalar].map((v) => [v]))('serializes %p from a resolver unchanged', async (value) => {
      const response = await run(`query Q($v: AWSJSON) { emit(value: $v) { ${field} } }`, undefined, { v: JSON.stringify(value) });
      expect(response).toEqual({ data: { emit: { [field]: value } } });
    });
  }
});

describe('AWSJSON', () => {
  it('hands resolvers the parsed value, not the string', async () => {
    const response = await run('{ echo(json: "{\\"upvotes\\": 10, \\"tags\\": [\\"a\\"]}") { jsonSeen } }');
    expect(JSON.parse((response.data!.echo as { jsonSeen: string }).jsonSeen)).toEqual({ type: 'object', value: { upvotes: 10, tags: ['a'] } });
  });

  it('round-trips any JSON object or array: parsed for the resolver, sent back as JSON text', async () => {
    const container = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()));
    await fc.assert(
      fc.asyncProperty(container, async (value) => {
        const text = JSON.stringify(value);
        const response = await run('query Q($v: AWSJSON) { echo(json: $v) { json jsonSeen } }', undefined, { v: text });
        const echo = response.data!.echo as { json: string; jsonSeen: string };
        expect(response.errors).toBeUndefined();
        expect(JSON.parse(echo.json)).toEqual(JSON.parse(text));
        expect(JSON.parse(echo.jsonSeen).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 60 },
    );
  });

  it('sends an object a resolver returns as its JSON text', async () => {
    const response = await run('query Q($v: AWSJSON) { emit(value: $v) { json } }', undefined, { v: '{"a":[1,{"b":null}]}' });
    expect(response).toEqual({ data: { emit: { json: '{"a":[1,{"b":null}]}' } } });
  });
});

describe('properties', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const calendarDate = fc
    .record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));
  const offset = fc.oneof(
    fc.constant(''),
    fc.constant('Z'),
    fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`),
  );
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.integer({ min: 0, max: 59 })), fc.option(fc.stringMatching(/^\d{1,9}$/)))
    .map(([h, m, s, n]) => `${pad(h)}:${pad(m)}${s === null ? '' : `:${pad(s)}${n === null ? '' : `.${n}`}`}`);

  async function accepts(scalar: ScalarName, value: unknown): Promise<boolean> {
    const response = await run(`query Q($v: ${scalar}) { echo(${FIELD[scalar]}: $v) { ${FIELD[scalar]} } }`, undefined, { v: value });
    return response.errors === undefined;
  }

  it('AWSDate accepts every calendar date, with or without an offset', async () => {
    await fc.assert(
      fc.asyncProperty(calendarDate, offset, async ({ y, m, d }, o) => {
        expect(await accepts('AWSDate', `${pad(y, 4)}-${pad(m)}-${pad(d)}${o}`)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('AWSDate refuses a day past the end of its month', async () => {
    await fc.assert(
      fc.asyncProperty(calendarDate, fc.integer({ min: 1, max: 3 }), async ({ y, m }, extra) => {
        const day = daysIn(y, m) + extra;
        expect(await accepts('AWSDate', `${pad(y, 4)}-${pad(m)}-${pad(day)}`)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('AWSDateTime accepts date T time with an offset, and refuses the same without one', async () => {
    await fc.assert(
      fc.asyncProperty(calendarDate, time, offset.filter((o) => o !== ''), async ({ y, m, d }, t, o) => {
        const local = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${t}`;
        expect(await accepts('AWSDateTime', `${local}${o}`)).toBe(true);
        expect(await accepts('AWSDateTime', local)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('AWSTime accepts hh:mm[:ss[.1-9 digits]] with an optional offset', async () => {
    await fc.assert(
      fc.asyncProperty(time, offset, async (t, o) => {
        expect(await accepts('AWSTime', `${t}${o}`)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('AWSTimestamp accepts any integer and refuses any fraction', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), async (seconds, fraction) => {
        expect(await accepts('AWSTimestamp', seconds)).toBe(true);
        expect(await accepts('AWSTimestamp', seconds + fraction)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('AWSIPAddress accepts every IPv4 address with any prefix from 0 to 32 and none above', async () => {
    await fc.assert(
      fc.asyncProperty(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 33, max: 999 }), async (ip, prefix, tooLong) => {
        expect(await accepts('AWSIPAddress', ip)).toBe(true);
        expect(await accepts('AWSIPAddress', `${ip}/${prefix}`)).toBe(true);
        expect(await accepts('AWSIPAddress', `${ip}/${tooLong}`)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('AWSIPAddress accepts every IPv6 address', async () => {
    await fc.assert(
      fc.asyncProperty(fc.ipV6(), async (ip) => {
        expect(await accepts('AWSIPAddress', ip)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

it('a non-null field whose value does not serialize nulls the whole data', async () => {
  const response = await run('{ requiredDate }');
  expect(response.data).toBeNull();
  expect(response.errors).toEqual([expect.objectContaining({ path: ['requiredDate'], message: expect.stringContaining('AWSDate') })]);
});
