import type { Feedback } from '../domain/feedback';

export interface FeedbackPage {
  items: Feedback[];
  nextToken?: string;
}

/** Feedback and complaints (DynamoDB on both clouds). */
export interface FeedbackStore {
  /** Stores new feedback; 'already_exists' when its reference is taken, so a retried store is harmless. */
  create(feedback: Feedback): Promise<'created' | 'already_exists'>;
  get(feedbackReference: string): Promise<Feedback | null>;
  /** Records that the on-call team was told about a flagged complaint. */
  markOnCallNotified(feedbackReference: string, at: string): Promise<void>;
  /** Feedback about a courier's deliveries with `createdAt` in [from, to), oldest first. */
  listForCourier(courierId: string, from: string, to: string): Promise<Feedback[]>;
}
