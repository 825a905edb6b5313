/** Tells live subscribers (admin maps, tracking pages) that something changed. */
export interface ChangePublisher {
  bookingChanged(reference: string): Promise<void>;
}
