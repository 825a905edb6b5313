// Encoding utilities of `util` ("Built-in utilities", encoding utils). AppSync's utilities are
// Java underneath, and the docs describe them in Java terms, so each one follows the Java
// behaviour the description names:
//   urlEncode    - "application/x-www-form-urlencoded" (java.net.URLEncoder with UTF-8)
//   urlDecode    - the inverse (java.net.URLDecoder with UTF-8)
//   base64Encode / base64Decode - standard alphabet with padding over the UTF-8 bytes of the string
//   escapeJavaScript - "the input string as a JavaScript escaped string" (StringEscapeUtils.escapeEcmaScript)
import { UtilArgumentError } from '../errors';

/** URLEncoder leaves exactly these characters as they are; a space becomes '+'. */
const FORM_URLENCODED_SAFE = /[A-Za-z0-9.\-*_]/;

export function urlEncode(value: string): string {
  let encoded = '';
  for (const character of value) {
    if (FORM_URLENCODED_SAFE.test(character)) {
      encoded += character;
    } else if (character === ' ') {
      encoded += '+';
    } else {
      for (const byte of Buffer.from(character, 'utf8')) {
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return encoded;
}

export function urlDecode(value: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    if (character === '+') {
      bytes.push(0x20);
    } else if (character === '%') {
      const hex = value.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new UtilArgumentError('util.urlDecode', `incomplete or invalid escape sequence at index ${index}`);
      }
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(character, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function base64Encode(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

export function base64Decode(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new UtilArgumentError('util.base64Decode', 'the input is not base64');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

const ECMASCRIPT_ESCAPES: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

export function escapeJavaScript(value: string): string {
  let escaped = '';
  // Iterating UTF-16 code units (not code points) writes a character outside the BMP as its two
  // surrogates, \uD83D\uDE00, which is how the Java escaper writes it too.
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    const named = ECMASCRIPT_ESCAPES[character];
    if (named !== undefined) {
      escaped += named;
      continue;
    }
    const code = value.charCodeAt(index);
    escaped += code < 0x20 || code > 0x7f ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : character;
  }
  return escaped;
}
