// Type, null and pattern helpers of `util`.
// util.matches and util.authType are in "Built-in utilities" for APPSYNC_JS
// (https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html). The null/default/type
// helpers are documented for $util in "Utility helpers in $util"
// (https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html); the local
// runtime offers them with that documented behaviour.
import { UtilArgumentError } from '../errors';

export function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

export function isNullOrEmpty(value: unknown): boolean {
  return isNull(value) || value === '';
}

/** Blank means only whitespace, as Java's StringUtils.isBlank has it. */
export function isNullOrBlank(value: unknown): boolean {
  return isNull(value) || (typeof value === 'string' && /^\s*$/.test(value));
}

export function defaultIfNull<T, D>(value: T, fallback: D): T | D {
  return isNull(value) ? fallback : value;
}

export function defaultIfNullOrEmpty<T, D>(value: T, fallback: D): T | D {
  return isNullOrEmpty(value) ? fallback : value;
}

export function defaultIfNullOrBlank<T, D>(value: T, fallback: D): T | D {
  return isNullOrBlank(value) ? fallback : value;
}

export const isString = (value: unknown): boolean => typeof value === 'string';
export const isNumber = (value: unknown): boolean => typeof value === 'number';
export const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
export const isList = (value: unknown): boolean => Array.isArray(value);
export const isMap = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

/** "Null", "Number", "String", "Map", "List", "Boolean", and "Object" for anything else. */
export function typeOf(value: unknown): string {
  if (isNull(value)) return 'Null';
  if (isNumber(value)) return 'Number';
  if (isString(value)) return 'String';
  if (isBoolean(value)) return 'Boolean';
  if (isList(value)) return 'List';
  if (isMap(value)) return 'Map';
  return 'Object';
}

/**
 * `util.matches("a*b", "aaaaab")` is true: the docs base it on java.util.regex.Pattern, whose
 * `matches` requires the whole input to match, not a substring. Java's leading inline flag groups
 * such as `(?i)` have no JavaScript equivalent inside the pattern, so they become RegExp flags.
 */
export function matches(pattern: string, value: string): boolean {
  if (typeof pattern !== 'string' || typeof value !== 'string') {
    throw new UtilArgumentError('util.matches', 'both the pattern and the value must be strings');
  }
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    if (inline[1].includes('x')) {
      throw new UtilArgumentError('util.matches', 'the (?x) comments flag is not supported by the local AppSync runtime');
    }
    flags = inline[1];
    source = source.slice(inline[0].length);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^(?:${source})$`, flags);
  } catch (error) {
    throw new UtilArgumentError('util.matches', `invalid pattern: ${(error as Error).message}`);
  }
  return compiled.test(value);
}
