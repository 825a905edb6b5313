// Session attributes: what the conversation remembers between turns (Lex keeps them for the
// session and sends them with every code hook call), and the contract with the contact flow.
// Values are strings, as Lex requires. Attributes of one intent's dialog share a prefix so they
// can be forgotten together when that dialog ends.

/** The attribute the contact flow branches on to transfer to an agent (voice/contact-flow.json). */
export const HANDOVER = { attribute: 'handover', toAgent: 'agent' } as const;

export const SESSION = {
  // Set by the contact flow (LexSessionAttributes): the caller's number, E.164, when not withheld.
  callerNumber: 'callerNumber',
  handover: HANDOVER.attribute,
  /** Why: caller-asked, repeated-misunderstanding, reference-not-found, address-not-found, caller-id-withheld, system-error. */
  handoverReason: 'handoverReason',
  /** Turns in a row Lex did not understand (FallbackIntent); the second hands over. */
  misunderstandings: 'misunderstandings',
  bookingsMade: 'bookingsMade',
  lastBookingReference: 'lastBookingReference',
  feedbackGiven: 'feedbackGiven',
  lastFeedbackReference: 'lastFeedbackReference',
} as const;

/** BookCourier's dialog. */
export const BOOK = {
  prefix: 'book.',
  /** JSON { signature, address }: the address checked for these slot values. */
  address: (which: 'Pickup' | 'Delivery') => `book.${which.toLowerCase()}Address`,
  /** JSON [{ region, country, city }]: same-named places offered to the caller. */
  candidates: (which: 'Pickup' | 'Delivery') => `book.${which.toLowerCase()}Candidates`,
  /** The region the caller picked among the candidates. */
  region: (which: 'Pickup' | 'Delivery') => `book.${which.toLowerCase()}Region`,
  /** Failed checks of the address so far. */
  addressAttempts: (which: 'Pickup' | 'Delivery') => `book.${which.toLowerCase()}Attempts`,
  /** Signature of size + weight already checked. */
  parcel: 'book.parcel',
  /** JSON { signature, window }: the window chosen for these date/time values. */
  window: 'book.window',
  /** JSON PickupWindow[]: alternatives read out, one of which the caller may pick by its time. */
  offeredWindows: 'book.offeredWindows',
  /** JSON { signature, totalMinor, currency }: the price the caller heard. */
  quote: 'book.quote',
} as const;

export const TRACK = {
  prefix: 'track.',
  /** What the pending yes/no question offers: 'courierContact' or 'agent'. */
  offer: 'track.offer',
  /** The caller asked for the courier's number when they asked to track. */
  wantsContact: 'track.wantsContact',
} as const;

export const FEEDBACK = {
  prefix: 'feedback.',
  /** The reference whose booking was found complete. */
  booking: 'feedback.booking',
  /** 'agent' while asking whether to transfer after an unknown reference. */
  offer: 'feedback.offer',
  ratingAttempts: 'feedback.ratingAttempts',
  /** The caller's first words ("my parcel arrived smashed"), kept with the details. */
  opening: 'feedback.opening',
} as const;

export const FAILED = {
  prefix: 'failed.',
  booking: 'failed.booking',
  offer: 'failed.offer',
  /** JSON PickupWindow: the redelivery window for the day the caller gave. */
  window: 'failed.window',
} as const;
