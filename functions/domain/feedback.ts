// Feedback and complaints about completed deliveries (seed 001, R5 and R6.4). A complaint gets a
// category and a severity: the caller's own word for it, raised — never lowered — when what they
// describe is worse than they said (an injury is critical however calmly it is reported). High
// and critical complaints are flagged for immediate attention. References are "FB" + 6 letters or
// digits, derived from an idempotency key so a retried store finds the first one.
import { createHash } from 'node:crypto';
import type { Booking, BookingChannel } from './booking';
import { REFERENCE_ALPHABET } from './booking-reference';
import { DomainError, type FieldIssue } from './errors';

export const FEEDBACK_TYPES = ['COMPLAINT', 'GENERAL_FEEDBACK'] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const COMPLAINT_CATEGORIES = ['SAFETY', 'PROPERTY_DAMAGE', 'LOST', 'DAMAGED', 'MISSING_ITEMS', 'WRONG_ADDRESS', 'LATE', 'COURIER_CONDUCT', 'OTHER'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** Bookings whose delivery is over, one way or another: the ones feedback can be about. */
export const COMPLETED_STATUSES: readonly Booking['status'][] = ['DELIVERED', 'RETURNED'];

export function isCompletedDelivery(booking: Pick<Booking, 'status'>): boolean {
  return COMPLETED_STATUSES.includes(booking.status);
}

export interface Feedback {
  /** FB + 6 of A-Z0-9. */
  feedbackReference: string;
  /** FB-XXXXXX, as people read it. */
  displayReference: string;
  bookingReference: string;
  /**
   * The courier the booking was with when the feedback came in, copied from the booking: the
   * courier's personal report reads their ratings and comments by it (feedback byCourier index).
   */
  courierId?: string;
  type: FeedbackType;
  /** The caller's own words. */
  details: string;
  /** What the caller called it, for complaints. */
  statedSeverity?: Severity;
  /** After triage: at least the stated severity. */
  severity?: Severity;
  category?: ComplaintCategory;
  /** 1–5, for general feedback. */
  rating?: number;
  /** High-severity complaints, for immediate attention. */
  flagged: boolean;
  flagReason?: string;
  /** Whose delivery it was (from the booking), so the team can call back. */
  customer: { name: string; phone: string };
  /** The number the feedback came from, when it was a call. */
  callerNumber?: string;
  channel: BookingChannel;
  status: 'OPEN';
  createdAt: string;
  /** UTC date of createdAt: feedback is listed per day. */
  day: string;
  /** Sorts a day's feedback flagged first, then by time: "0#<createdAt>" or "1#<createdAt>". */
  triageKey: string;
  /** When the on-call team was told about a flagged complaint. */
  onCallNotifiedAt?: string;
}

export class InvalidFeedback extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super('InvalidFeedback', issues.map((issue) => issue.message).join(' '), { issues });
  }
}

export class FeedbackBookingNotFound extends DomainError {
  constructor(reference: string) {
    super('FeedbackBookingNotFound', `No booking ${reference} exists.`, { reference });
  }
}

export class DeliveryNotCompleted extends DomainError {
  constructor(reference: string, status: string) {
    super('DeliveryNotCompleted', `Booking ${reference} is ${status.toLowerCase().replace(/_/g, ' ')}; feedback is taken once the delivery is complete.`, { reference, status });
  }
}

const FEEDBACK_REFERENCE = /^FB[A-Z0-9]{6}$/;

export function isFeedbackReference(value: string): boolean {
  return FEEDBACK_REFERENCE.test(value);
}

/** The reference for an idempotency key: the same key always names the same feedback. */
export function feedbackReferenceFor(idempotencyKey: string): string {
  for (let salt = 0; ; salt++) {
    let body = '';
    for (const byte of createHash('sha256').update(`feedback\u0000${idempotencyKey}\u0000${salt}`).digest()) {
      // Bytes ≥ 252 would bias the alphabet (252 = 7 × 36).
      if (byte >= 252) continue;
      body += REFERENCE_ALPHABET[byte % 36];
      if (body.length === 6) return `FB${body}`;
    }
  }
}

export function displayFeedbackReference(reference: string): string {
  return `${reference.slice(0, 2)}-${reference.slice(2)}`;
}

// ---------------------------------------------------------------------------------------------
// Triage: words that say what kind of problem it is and how bad. Ordered most serious first;
// the first category whose words appear wins, and its floor raises the stated severity.

interface CategoryRule {
  category: ComplaintCategory;
  words: RegExp;
  /** The least severity a complaint of this kind gets. */
  floor: Severity;
}

const CATEGORY_RULES: readonly CategoryRule[] = [
  { category: 'SAFETY', words: /\b(injur\w*|hurt|bleed\w*|hospital|threat\w*|assault\w*|attack\w*|dangerous\w*|unsafe|aggressive|violent|fire|chemical|leak\w* gas)\b/, floor: 'CRITICAL' },
  { category: 'PROPERTY_DAMAGE', words: /\b(damaged? (my|the|our) (gate|fence|door|car|wall|window|garden|property)|broke (my|the|our) (gate|fence|door|window)|smashed (my|the|our) (gate|fence|door|window))\b/, floor: 'HIGH' },
  { category: 'LOST', words: /\b(lost|stolen|never (arrived|came|turned up)|not (arrived|delivered)|missing parcel|disappeared)\b/, floor: 'HIGH' },
  { category: 'DAMAGED', words: /\b(damaged?|broken|smashed|crushed|dented|soaked|wet|cracked|torn|leaking|in pieces|ruined)\b/, floor: 'MEDIUM' },
  { category: 'MISSING_ITEMS', words: /\b(missing|incomplete|something was missing|items? (were|was) missing)\b/, floor: 'MEDIUM' },
  { category: 'WRONG_ADDRESS', words: /\b(wrong (address|house|door|person|parcel|flat)|neighbou?r'?s? (house|door)|delivered to (the )?wrong)\b/, floor: 'MEDIUM' },
  { category: 'LATE', words: /\b(late|delay\w*|(minutes|hours|days?) (after|late)|waited|slow|took (a|so) long|never showed)\b/, floor: 'LOW' },
  { category: 'COURIER_CONDUCT', words: /\b(rude|shout\w*|swore|swearing|threw|thrown|unprofessional|attitude|impolite|careless)\b/, floor: 'MEDIUM' },
];

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
const higher = (a: Severity, b: Severity) => (rank(a) >= rank(b) ? a : b);

export interface ComplaintTriage {
  category: ComplaintCategory;
  severity: Severity;
  flagged: boolean;
  /** Why it was flagged, in words for the on-call team. */
  flagReason?: string;
}

export function triageComplaint(details: string, statedSeverity: Severity): ComplaintTriage {
  const text = details.toLowerCase();
  const rule = CATEGORY_RULES.find((candidate) => candidate.words.test(text));
  const category = rule?.category ?? 'OTHER';
  const severity = rule ? higher(statedSeverity, rule.floor) : statedSeverity;
  const flagged = rank(severity) >= rank('HIGH');
  const flagReason = !flagged
    ? undefined
    : severity !== statedSeverity
      ? `${severity.toLowerCase()} severity: the caller described ${category.toLowerCase().replace(/_/g, ' ')} (they said ${statedSeverity.toLowerCase()})`
      : `${severity.toLowerCase()} severity, as the caller said`;
  return { category, severity, flagged, ...(flagReason ? { flagReason } : {}) };
}

// ---------------------------------------------------------------------------------------------

export interface FeedbackInput {
  bookingReference: string;
  type: string;
  details: string;
  statedSeverity?: string | null;
  rating?: number | null;
  callerNumber?: string | null;
  channel: BookingChannel;
}

export interface ValidFeedback {
  bookingReference: string;
  type: FeedbackType;
  details: string;
  statedSeverity?: Severity;
  rating?: number;
  callerNumber?: string;
  channel: BookingChannel;
}

export const MAX_FEEDBACK_DETAILS = 2000;

export function validateFeedback(input: FeedbackInput): ValidFeedback {
  const issues: FieldIssue[] = [];
  const type = input.type as FeedbackType;
  if (!FEEDBACK_TYPES.includes(type)) issues.push({ field: 'type', code: 'INVALID_TYPE', message: `The feedback type must be ${FEEDBACK_TYPES.join(' or ')}.` });
  const details = (input.details ?? '').trim().replace(/\s+/g, ' ');
  if (details === '') issues.push({ field: 'details', code: 'REQUIRED', message: 'Please describe the feedback.' });
  if (details.length > MAX_FEEDBACK_DETAILS) issues.push({ field: 'details', code: 'TOO_LONG', message: `Feedback is limited to ${MAX_FEEDBACK_DETAILS} characters.` });
  let statedSeverity: Severity | undefined;
  if (type === 'COMPLAINT') {
    statedSeverity = input.statedSeverity as Severity;
    if (!SEVERITIES.includes(statedSeverity)) issues.push({ field: 'severity', code: 'INVALID_SEVERITY', message: `A complaint needs a severity: ${SEVERITIES.join(', ')}.` });
  }
  let rating: number | undefined;
  if (input.rating != null) {
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) issues.push({ field: 'rating', code: 'INVALID_RATING', message: 'A rating is a whole number from 1 to 5.' });
    else rating = input.rating;
  }
  if (issues.length) throw new InvalidFeedback(issues);
  return {
    bookingReference: input.bookingReference,
    type,
    details,
    ...(statedSeverity ? { statedSeverity } : {}),
    ...(rating !== undefined ? { rating } : {}),
    ...(input.callerNumber ? { callerNumber: input.callerNumber } : {}),
    channel: input.channel,
  };
}

/** The stored feedback for a completed booking, triaged. */
export function newFeedback(valid: ValidFeedback, booking: Booking, feedbackReference: string, at: Date): Feedback {
  const triage = valid.type === 'COMPLAINT' ? triageComplaint(valid.details, valid.statedSeverity!) : undefined;
  const createdAt = at.toISOString();
  const flagged = triage?.flagged ?? false;
  return {
    feedbackReference,
    displayReference: displayFeedbackReference(feedbackReference),
    bookingReference: booking.reference,
    ...(booking.courierId ? { courierId: booking.courierId } : {}),
    type: valid.type,
    details: valid.details,
    ...(valid.statedSeverity ? { statedSeverity: valid.statedSeverity } : {}),
    ...(triage ? { severity: triage.severity, category: triage.category } : {}),
    ...(valid.rating !== undefined ? { rating: valid.rating } : {}),
    flagged,
    ...(triage?.flagReason ? { flagReason: triage.flagReason } : {}),
    customer: { name: booking.customer.name, phone: booking.customer.phone },
    ...(valid.callerNumber ? { callerNumber: valid.callerNumber } : {}),
    channel: valid.channel,
    status: 'OPEN',
    createdAt,
    day: createdAt.slice(0, 10),
    triageKey: `${flagged ? 0 : 1}#${createdAt}`,
  };
}

/** What the on-call team gets for a flagged complaint. */
export function flaggedComplaintAlert(feedback: Feedback, booking: Pick<Booking, 'displayReference' | 'delivery'>): { subject: string; body: string; sms: string } {
  const severity = feedback.severity ?? 'HIGH';
  return {
    subject: `${severity} complaint ${feedback.displayReference} on ${booking.displayReference}`,
    sms: `${severity} complaint ${feedback.displayReference} on ${booking.displayReference}: ${feedback.details.slice(0, 100)}. Call ${feedback.customer.name} on ${feedback.customer.phone}.`,
    body: [
      `A ${severity.toLowerCase()} complaint needs immediate attention.`,
      '',
      `Complaint:  ${feedback.displayReference} (${feedback.category?.toLowerCase().replace(/_/g, ' ') ?? 'other'})`,
      `Booking:    ${booking.displayReference}, delivered to ${booking.delivery.city}`,
      `Customer:   ${feedback.customer.name}, ${feedback.customer.phone}`,
      `Why:        ${feedback.flagReason ?? 'high severity'}`,
      `Channel:    ${feedback.channel.toLowerCase()}, ${feedback.createdAt}`,
      '',
      'In their words:',
      feedback.details,
    ].join('\n'),
  };
}
