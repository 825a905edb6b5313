import type { FailedDeliveryOption } from '../domain/delivery';

export type CustomerLinkStatus = 'OPEN' | 'ANSWERED' | 'EXPIRED';

export interface CustomerLinkAnswer {
  option: FailedDeliveryOption;
  windowId?: string;
  instructions?: string;
  at: string;
}

/** One question put to a customer through a link: "what should happen to your parcel?". */
export interface CustomerLink {
  /** Absent on links stored before tracking links existed: those are all failed-delivery questions. */
  kind?: 'FAILED_DELIVERY';
  /** SHA-256 of the token in the link; the token itself is never stored. */
  tokenHash: string;
  reference: string;
  /** The failed attempt the question is about. */
  attempt: number;
  /** Resumes the waiting failed-delivery execution. */
  taskToken: string;
  status: CustomerLinkStatus;
  createdAt: string;
  /** When the question stops waiting for an answer. */
  expiresAt: string;
  answer?: CustomerLinkAnswer;
  closedReason?: string;
}

/**
 * A customer's live tracking page for one booking (/track/<token>): read-only, nothing to answer.
 * Any number per booking (one per message that carries a link), each valid until `expiresAt`.
 */
export interface TrackingLink {
  kind: 'TRACKING';
  /** SHA-256 of the token in the link; the token itself is never stored. */
  tokenHash: string;
  reference: string;
  createdAt: string;
  /** After this the link opens nothing (TrackingLinkInvalid); the item is then removed by TTL. */
  expiresAt: string;
}

export interface CustomerLinkStore {
  create(link: CustomerLink): Promise<void>;
  /** A failed-delivery question; null for an unknown hash or one that belongs to a tracking link. */
  get(tokenHash: string): Promise<CustomerLink | null>;
  createTrackingLink(link: TrackingLink): Promise<void>;
  /** A tracking link; null for an unknown hash or one that belongs to a failed-delivery question. */
  getTrackingLink(tokenHash: string): Promise<TrackingLink | null>;
  /** OPEN → ANSWERED only if still open; otherwise returns the link as it now is. Two answers: one wins. */
  claim(tokenHash: string, answer: CustomerLinkAnswer): Promise<{ claimed: true } | { claimed: false; link: CustomerLink | null }>;
  /**
   * → EXPIRED, from `from` only (no-op otherwise). From OPEN when the process stops waiting; from
   * ANSWERED when an answer was claimed but the process had stopped waiting before it arrived.
   */
  expire(tokenHash: string, reason: string, from?: 'OPEN' | 'ANSWERED'): Promise<void>;
}
