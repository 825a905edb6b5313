// The caller's number as the contact flow passes it (Connect's $.CustomerEndpoint.Address):
// E.164 when the network shows it, empty or "anonymous" when withheld. A booking needs one —
// the reference and tracking link go out by text message.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export function callerNumberOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), 'US');
  return parsed?.isValid() ? parsed.number : undefined;
}
