// What customers said about a courier's deliveries, for their personal report (R11.10, R12.3):
// ratings (average, count, distribution), complaints by severity and by category, and the latest
// comments. Comments are anonymised: the courier sees a short excerpt, the date, the kind of
// feedback, its rating or severity and the booking's display reference, never who said it — the
// customer's name, phone number and e-mail are taken out of the excerpt as well. Pure and
// order-independent.
import { DateTime } from 'luxon';
import { displayReference } from './booking-reference';
import { SEVERITIES, type ComplaintCategory, type Feedback, type FeedbackType, type Severity } from './feedback';

/** What the report reads of a stored feedback item (customer and caller only to scrub them). */
export type ReportFeedback = Pick<Feedback, 'feedbackReference' | 'bookingReference' | 'type' | 'details' | 'createdAt'> &
  Partial<Pick<Feedback, 'rating' | 'severity' | 'category' | 'customer' | 'callerNumber'>> & { courierId: string };

export interface CourierComment {
  /** Local date (depot time zone) the feedback was given. */
  date: string;
  type: FeedbackType;
  /** 1–5, when the customer gave one. */
  rating: number | null;
  /** Complaints: after triage. */
  severity: Severity | null;
  category: ComplaintCategory | null;
  /** At most MAX_EXCERPT characters of what the customer said, with their name, number and e-mail taken out. */
  excerpt: string;
  /** CB-XXXXXX: the courier can look the delivery up in their history. */
  bookingDisplayReference: string;
}

export interface CourierFeedbackSummary {
  /** Feedback received in the period, of both kinds. */
  received: number;
  ratingCount: number;
  /** Mean of the ratings, 1–5 to one decimal; null without ratings. */
  averageRating: number | null;
  /** Ratings 1 to 5, in that order, each with its count (zeros included). */
  ratingDistribution: { rating: number; count: number }[];
  complaints: number;
  /** LOW to CRITICAL, in that order (zeros included). */
  complaintsBySeverity: { severity: Severity; count: number }[];
  /** Categories with at least one complaint, most frequent first. */
  complaintsByCategory: { category: ComplaintCategory; count: number }[];
  /** Newest first, at most MAX_COMMENTS. */
  recentComments: CourierComment[];
}

export const MAX_COMMENTS = 5;
export const MAX_EXCERPT = 140;
export const RATINGS = [1, 2, 3, 4, 5] as const;

const round1 = (value: number) => Math.round(value * 10) / 10;
const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);
const serious = (severity: Severity) => Number(severityRank(severity) >= severityRank('HIGH'));

// ---------------------------------------------------------------------------------------------
// Anonymising what the customer said.

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Digits with a leading + or area code in brackets, spaces, dots or dashes between them; seven digits or more make a number. */
const PHONE = /(?:\+\s?)?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s().-]{0,2}\d){5,}/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a name worth hiding: two letters or more ("Li", "Ng"; not an initial), hyphenated names whole and in parts. */
function nameWords(name: string): string[] {
  const words = name.split(/[^\p{L}\p{N}'’-]+/u).map((word) => word.replace(/^['’-]+|['’-]+$/g, ''));
  return [...new Set([...words, ...words.flatMap((word) => word.split(/[-'’]+/))].filter((word) => word.length >= 2))];
}

/** What the customer said, without their name, phone number or e-mail, cut to MAX_EXCERPT characters at a word. */
export function anonymisedExcerpt(details: string, who: { name?: string; phones?: (string | undefined)[] } = {}): string {
  let text = details.replace(EMAIL, '[email]');
  for (const phone of who.phones ?? []) {
    // The number exactly as stored, even if it is shorter than a usual phone number.
    if (phone && phone.replace(/\D/g, '').length >= 3) text = text.split(phone).join('[phone]');
  }
  text = text.replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 7 ? '[phone]' : match));
  // Longest first, so "Anne-Marie" goes before "Anne".
  for (const word of nameWords(who.name ?? '').sort((a, b) => b.length - a.length)) {
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'giu'), '[name]');
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_EXCERPT) return text;
  const cut = text.slice(0, MAX_EXCERPT - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= MAX_EXCERPT / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

// ---------------------------------------------------------------------------------------------

export interface Suggestion {
  code: string;
  message: string;
}

/**
 * The summary of the feedback given about `courierId` in [startsAt, endsAt), and the suggestions
 * it calls for; feedback about other couriers or outside the period is ignored. The same feedback
 * twice (a replayed read) counts once.
 */
export function courierFeedback(
  feedback: readonly ReportFeedback[],
  courierId: string,
  range: { startsAt: string; endsAt: string },
  timeZone: string,
): { summary: CourierFeedbackSummary; suggestions: Suggestion[] } {
  const from = Date.parse(range.startsAt);
  const to = Date.parse(range.endsAt);
  const seen = new Set<string>();
  const mine = [...feedback]
    .filter((f) => f.courierId === courierId && Date.parse(f.createdAt) >= from && Date.parse(f.createdAt) < to)
    // Newest first; the reference breaks ties so the order never depends on the input's.
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.feedbackReference.localeCompare(b.feedbackReference))
    .filter((f) => !seen.has(f.feedbackReference) && Boolean(seen.add(f.feedbackReference)));

  const ratings = mine.map((f) => f.rating).filter((r): r is number => Number.isInteger(r) && r! >= 1 && r! <= 5);
  const complaints = mine.filter((f) => f.type === 'COMPLAINT');
  const categories = new Map<ComplaintCategory, { count: number; worst: Severity }>();
  for (const complaint of complaints) {
    const category = complaint.category ?? 'OTHER';
    // A complaint stored without a severity (it cannot be, but old data might) counts as low.
    const severity = complaint.severity ?? 'LOW';
    const seenSoFar = categories.get(category);
    categories.set(category, { count: (seenSoFar?.count ?? 0) + 1, worst: seenSoFar && severityRank(seenSoFar.worst) > severityRank(severity) ? seenSoFar.worst : severity });
  }

  const summary: CourierFeedbackSummary = {
    received: mine.length,
    ratingCount: ratings.length,
    averageRating: ratings.length === 0 ? null : round1(ratings.reduce((sum, r) => sum + r, 0) / ratings.length),
    ratingDistribution: RATINGS.map((rating) => ({ rating, count: ratings.filter((r) => r === rating).length })),
    complaints: complaints.length,
    complaintsBySeverity: SEVERITIES.map((severity) => ({ severity, count: complaints.filter((c) => (c.severity ?? 'LOW') === severity).length })),
    complaintsByCategory: [...categories.entries()]
      .map(([category, { count }]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    recentComments: mine.slice(0, MAX_COMMENTS).map((f) => ({
      date: DateTime.fromISO(f.createdAt, { zone: timeZone }).toFormat('yyyy-MM-dd'),
      type: f.type,
      rating: f.rating ?? null,
      severity: f.type === 'COMPLAINT' ? (f.severity ?? 'LOW') : null,
      category: f.type === 'COMPLAINT' ? (f.category ?? 'OTHER') : null,
      excerpt: anonymisedExcerpt(f.details, { name: f.customer?.name, phones: [f.customer?.phone, f.callerNumber] }),
      bookingDisplayReference: displayReference(f.bookingReference),
    })),
  };
  return { summary, suggestions: feedbackSuggestions(summary, (category) => categories.get(category)?.worst ?? 'LOW') };
}

// ---------------------------------------------------------------------------------------------
// Suggestions from what customers said.

const CATEGORY_ADVICE: Record<ComplaintCategory, { code: string; about: string; advice: string }> = {
  SAFETY: { code: 'TALK_SAFETY_WITH_DISPATCH', about: 'safety', advice: 'talk it through with dispatch before your next round, and never leave a parcel or the van where it puts someone at risk' },
  PROPERTY_DAMAGE: { code: 'CARE_AT_PROPERTY', about: 'damage to property', advice: 'park clear of gates and drives, close gates behind you and never force a door or letterbox' },
  LOST: { code: 'PHOTO_AT_THE_DOOR', about: 'parcels that never arrived', advice: 'hand parcels over in person where you can, and take a photo showing the door whenever you leave one' },
  DAMAGED: { code: 'HANDLE_WITH_CARE', about: 'damaged parcels', advice: 'secure fragile parcels upright and apart in the van, and carry rather than drop them at the door' },
  MISSING_ITEMS: { code: 'CHECK_PACKAGING', about: 'missing items', advice: 'check the packaging is sealed and intact at collection, and note any damage on the booking before you leave' },
  WRONG_ADDRESS: { code: 'CONFIRM_ADDRESS', about: 'parcels left at the wrong address', advice: 'check the house or flat number against the booking before handing over, and photograph the door' },
  LATE: { code: 'TEXT_WHEN_LATE', about: 'late deliveries', advice: 'follow the suggested stop order, and text the customer as soon as you know you will miss their window' },
  COURIER_CONDUCT: { code: 'COURTEOUS_HANDOVER', about: 'how the handover went', advice: 'greet the customer, hand the parcel over rather than leaving it, and call dispatch instead of arguing with a difficult customer' },
  OTHER: { code: 'REVIEW_COMPLAINTS', about: 'other problems', advice: 'read the comments in your report and go through them with dispatch' },
};

/** Below this average (over at least MIN_RATINGS ratings) a courier gets a suggestion about it. */
export const LOW_AVERAGE_RATING = 3.5;
export const MIN_RATINGS = 2;

/**
 * At most two suggestions: the kind of complaint that matters most (a high or critical one, else
 * one that came up at least twice), then a low average rating.
 */
function feedbackSuggestions(summary: CourierFeedbackSummary, worstOf: (category: ComplaintCategory) => Severity): Suggestion[] {
  const suggestions: Suggestion[] = [];
  const top = summary.complaintsByCategory
    .map((c) => ({ ...c, worst: worstOf(c.category) }))
    .filter((c) => c.count >= 2 || serious(c.worst))
    // A serious complaint first (safety before lateness), then the most frequent kind.
    .sort((a, b) => serious(b.worst) - serious(a.worst) || b.count - a.count || severityRank(b.worst) - severityRank(a.worst) || a.category.localeCompare(b.category))[0];
  if (top) {
    const { code, about, advice } = CATEGORY_ADVICE[top.category];
    suggestions.push({
      code,
      message:
        top.count >= 2
          ? `${top.count} of your ${summary.complaints} complaints this period were about ${about}: ${advice}.`
          : `A ${top.worst.toLowerCase()} complaint this period was about ${about}: ${advice}.`,
    });
  }
  if (summary.averageRating !== null && summary.ratingCount >= MIN_RATINGS && summary.averageRating < LOW_AVERAGE_RATING) {
    const low = summary.ratingDistribution.filter((d) => d.rating <= 2).reduce((sum, d) => sum + d.count, 0);
    suggestions.push({
      code: 'RAISE_RATINGS',
      message: `Customers rated you ${summary.averageRating.toFixed(1)} out of 5 on average over ${summary.ratingCount} ratings${low ? `, ${low} of them 1 or 2 stars` : ''}: read their comments in your report, introduce yourself at the door and let customers know before you are late.`,
    });
  }
  return suggestions;
}
