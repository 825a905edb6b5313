// AppSync's scalar types, with the formats the AppSync developer guide documents
// ("Scalar types in AWS AppSync"). Values are checked on input (variables and literals)
// and on output, as AppSync does: a resolver returning a malformed AWSDateTime is an error.
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import isEmail from 'validator/lib/isEmail';
import isIP from 'validator/lib/isIP';
import isURL from 'validator/lib/isURL';

const OFFSET = '(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)';
/** YYYY-MM-DD with an optional offset ("1970-01-01Z", "1970-01-01-07:00"). */
const AWS_DATE = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${OFFSET}?$`);
/** hh:mm[:ss[.sss…]] with an optional offset. */
const AWS_TIME = new RegExp(`^([01]\\d|2[0-3]):([0-5]\\d)(:([0-5]\\d)(\\.\\d{1,9})?)?${OFFSET}?$`);
/** Date and time with a compulsory offset. */
const AWS_DATE_TIME = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})T([01]\\d|2[0-3]):([0-5]\\d)(:([0-5]\\d)(\\.\\d{1,9})?)?${OFFSET}$`);

function validCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

export function isAwsDate(value: string): boolean {
  const match = AWS_DATE.exec(value);
  return !!match && validCalendarDate(match[1], match[2], match[3]);
}

export function isAwsTime(value: string): boolean {
  return AWS_TIME.test(value);
}

export function isAwsDateTime(value: string): boolean {
  const match = AWS_DATE_TIME.exec(value);
  return !!match && validCalendarDate(match[1], match[2], match[3]);
}

export function isAwsEmail(value: string): boolean {
  return isEmail(value, { allow_utf8_local_part: true, require_tld: true });
}

/**
 * Digits with optional spaces or hyphens; without a country code, read as NANP (US). AppSync
 * checks the number itself, not just its length: it refuses `1110004444` ("Unable to parse
 * `1110004444` as a valid phone number."), a ten-digit string whose area code cannot exist —
 * so the number must be valid for its numbering plan, not merely of a possible length.
 */
export function isAwsPhone(value: string): boolean {
  if (!/^\+?[\d\s\-()]+$/.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value, 'US');
  return !!parsed && parsed.isValid();
}

/**
 * "A URL as defined by RFC 1738. For example, https://www.amazon.com/dp/B000NZW3KC/ or
 * mailto:example@example.com. URLs must contain a schema (http, mailto) and can't contain two
 * forward slashes (//) in the path part." (Scalar types in AWS AppSync.) So a URL without an
 * authority (mailto:, urn:) is valid, and `//` inside the path is not.
 */
export function isAwsUrl(value: string): boolean {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value);
  if (!match || /\s/.test(value)) return false;
  const rest = match[2];
  if (!rest.startsWith('//')) return rest.length > 0 && !rest.includes('//');
  if (!isURL(value, { require_protocol: true, require_tld: false, require_valid_protocol: false, allow_underscores: true })) return false;
  const path = rest.slice(2).replace(/^[^/?#]*/, '').replace(/[?#].*$/s, '');
  return !path.includes('//');
}

export function isAwsIpAddress(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address, 4) ? 4 : isIP(address, 6) ? 6 : 0;
  if (version === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

function stringScalar(name: string, description: string, check: (value: string) => boolean): GraphQLScalarType {
  const fail = (value: unknown, ast?: ValueNode) =>
    new GraphQLError(`Variable '${name}' has an invalid value: ${JSON.stringify(value)} is not a valid ${name}.`, ast ? { nodes: ast } : undefined);
  const accept = (value: unknown, ast?: ValueNode): string => {
    if (typeof value !== 'string' || !check(value)) throw fail(value, ast);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => {
      if (typeof value !== 'string' || !check(value)) throw new GraphQLError(`Can't serialize value: ${JSON.stringify(value)} is not a valid ${name}.`);
      return value;
    },
    parseValue: (value) => accept(value),
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw fail(print(ast), ast);
      return accept(ast.value, ast);
    },
  });
}

const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds since 1970-01-01T00:00Z.',
  serialize: (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new GraphQLError(`Can't serialize value: ${JSON.stringify(value)} is not a valid AWSTimestamp.`);
    return value;
  },
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new GraphQLError(`${JSON.stringify(value)} is not a valid AWSTimestamp.`);
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError(`${print(ast)} is not a valid AWSTimestamp.`, { nodes: ast });
    return Number(ast.value);
  },
});

/** Input: a string holding JSON, handed to resolvers parsed. Output: any JSON value, sent as a string. */
const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON string, parsed for resolvers.',
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError(`${JSON.stringify(value)} is not a valid AWSJSON: it must be a string.`);
    try {
      return JSON.parse(value);
    } catch {
      throw new GraphQLError(`${JSON.stringify(value)} is not a valid AWSJSON.`);
    }
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`${print(ast)} is not a valid AWSJSON: it must be a string.`, { nodes: ast });
    try {
      return JSON.parse(ast.value);
    } catch {
      throw new GraphQLError(`${JSON.stringify(ast.value)} is not a valid AWSJSON.`, { nodes: ast });
    }
  },
});

export const APPSYNC_SCALARS: Record<string, GraphQLScalarType> = {
  AWSDate: stringScalar('AWSDate', 'An ISO 8601 date, YYYY-MM-DD, with an optional offset.', isAwsDate),
  AWSTime: stringScalar('AWSTime', 'An ISO 8601 time, hh:mm:ss.sss, with an optional offset.', isAwsTime),
  AWSDateTime: stringScalar('AWSDateTime', 'An ISO 8601 date and time with a compulsory offset.', isAwsDateTime),
  AWSTimestamp,
  AWSEmail: stringScalar('AWSEmail', 'An email address, local-part@domain-part.', isAwsEmail),
  AWSJSON,
  AWSPhone: stringScalar('AWSPhone', 'A phone number; without a country code it is read as North American.', isAwsPhone),
  AWSURL: stringScalar('AWSURL', 'A URL with a scheme.', isAwsUrl),
  AWSIPAddress: stringScalar('AWSIPAddress', 'An IPv4 or IPv6 address, optionally with a CIDR prefix.', isAwsIpAddress),
};
