// Flow of the public tracking page (API key, no account): token → its tracking link (unknown,
// expired or another kind of token → TrackingLinkInvalid, nothing else said) → the booking →
// where the parcel is and when it should arrive (the phone line's track-delivery use case) → the
// timeline with place names from the GeoPort → whether a failed-delivery question is open →
// the pure view (functions/domain/tracking-page.ts), which decides what may be shown. Read-only.
import type { GeoPoint } from '../domain/booking';
import { TrackingLinkInvalid } from '../domain/errors';
import { isWellFormedLinkToken, linkTokenHash } from '../domain/failed-delivery';
import { lastFailedAttempt } from '../domain/delivery';
import { trackingPageView, type TrackingPageView } from '../domain/tracking-page';
import type { NamedPlace } from '../domain/voice/tracking-reply';
import type { CustomerLinkStore, TrackingLink } from '../ports/customer-link-store';
import { whereaboutsOf, type TrackDeliveryDependencies } from './track-delivery';

export interface TrackingPageDependencies extends TrackDeliveryDependencies {
  links: Pick<CustomerLinkStore, 'get' | 'getTrackingLink'>;
}

/** Place names for at most this many of the latest positions per page load (one GeoPort call each). */
const MAX_NAMED_POSITIONS = 20;

/** The tracking link behind a token, if it opens anything now. */
export async function openTrackingLink(token: string, deps: Pick<TrackingPageDependencies, 'links' | 'clock'>): Promise<TrackingLink> {
  if (!isWellFormedLinkToken(token)) throw new TrackingLinkInvalid();
  const link = await deps.links.getTrackingLink(linkTokenHash(token));
  if (!link || Date.parse(link.expiresAt) <= deps.clock().getTime()) throw new TrackingLinkInvalid();
  return link;
}

export async function trackingPage(token: string, deps: TrackingPageDependencies): Promise<TrackingPageView> {
  const link = await openTrackingLink(token, deps);
  const booking = await deps.bookings.getBooking(link.reference);
  if (!booking) throw new TrackingLinkInvalid();
  const now = deps.clock();
  const [whereabouts, events] = await Promise.all([whereaboutsOf(booking, deps), deps.bookings.trackingHistory(booking.reference)]);

  // Place names of where things happened: one lookup per distinct position, latest first.
  const located = events.filter((e): e is typeof e & { location: GeoPoint } => e.location !== undefined).slice(-MAX_NAMED_POSITIONS);
  const byPosition = new Map<string, Promise<NamedPlace | undefined>>();
  const keyOf = (p: GeoPoint) => `${p.lat.toFixed(4)},${p.lon.toFixed(4)}`;
  for (const event of located) {
    const key = keyOf(event.location);
    if (!byPosition.has(key)) {
      byPosition.set(
        key,
        deps.geo.describePosition(event.location).then(
          // The locality, never the label: a label may be a street address.
          (d) => (d ? { locality: d.locality, region: d.region, country: d.country } : undefined),
          () => undefined, // a place name is a nicety: the page shows without it
        ),
      );
    }
  }
  const eventPlaces = new Map<number, NamedPlace>();
  for (const event of located) {
    const place = await byPosition.get(keyOf(event.location));
    if (place) eventPlaces.set(event.sequence, place);
  }

  // An open failed-delivery question: the page links to the options page with its own token.
  let openOptions: { deadline: string } | null = null;
  const offer = booking.status === 'FAILED_DELIVERY' ? lastFailedAttempt(booking)?.offer : undefined;
  if (offer) {
    const question = await deps.links.get(offer.linkHash);
    if (question?.status === 'OPEN' && Date.parse(question.expiresAt) > now.getTime()) openOptions = { deadline: question.expiresAt };
  }

  return trackingPageView({ booking, events, whereabouts, eventPlaces, openOptions, linkExpiresAt: link.expiresAt });
}
