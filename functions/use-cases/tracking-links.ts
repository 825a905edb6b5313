// Minting the customer's tracking links (/track/<token>). Like the failed-delivery links, the
// token is 256 random bits and only its SHA-256 is stored (customerLinks table, kind TRACKING).
//
// Why mint per message rather than once per booking: the plain token exists only in the message
// that carries it. Keeping it to put into later messages would mean storing it readable (or
// encrypted, with a key to manage) next to the booking — exactly what hashing avoids. So every
// message that carries a link mints its own; each stays valid until its expiry (30 days after the
// pickup date), so an older message's link keeps working and every link opens the same page.
// A retried step may mint a link that is never sent (the notifier's idempotency key suppresses
// the second send); nobody knows that token and it expires like the others.
import type { Booking } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { linkTokenHash, newLinkToken } from '../domain/failed-delivery';
import { trackingLink } from '../domain/notification-templates';
import { trackingLinkExpiry } from '../domain/tracking-page';
import type { CustomerLinkStore } from '../ports/customer-link-store';

export interface TrackingLinkDependencies {
  links: Pick<CustomerLinkStore, 'createTrackingLink'>;
  clock: () => Date;
  rules: Pick<BusinessRules, 'serviceTimeZone'>;
  publicBaseUrl: string;
}

/** Stores a new tracking link for the booking (its hash only) and returns the URL to send. */
export async function mintTrackingLink(booking: Pick<Booking, 'reference' | 'pickupDate'>, deps: TrackingLinkDependencies): Promise<string> {
  const now = deps.clock();
  const token = newLinkToken();
  await deps.links.createTrackingLink({
    kind: 'TRACKING',
    tokenHash: linkTokenHash(token),
    reference: booking.reference,
    createdAt: now.toISOString(),
    expiresAt: trackingLinkExpiry(booking, now, deps.rules),
  });
  return trackingLink(deps.publicBaseUrl, token);
}
