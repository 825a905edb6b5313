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

export interface CustomerLinkStore {
  create(link: CustomerLink): Promise<void>;
  get(tokenHash: string): Promise<CustomerLink | null>;
  /** OPEN → ANSWERED only if still open; otherwise returns the link as it now is. Two answers: one wins. */
  claim(tokenHash: string, answer: CustomerLinkAnswer): Promise<{ claimed: true } | { claimed: false; link: CustomerLink | null }>;
  /**
   * → EXPIRED, from `from` only (no-op otherwise). From OPEN when the process stops waiting; from
   * ANSWERED when an answer was claimed but the process had stopped waiting before it arrived.
   */
  expire(tokenHash: string, reason: string, from?: 'OPEN' | 'ANSWERED'): Promise<void>;
}
