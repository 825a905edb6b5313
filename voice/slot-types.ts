// The bot's own slot types. Values are the codes the domain uses (functions/domain/business-rules.ts
// for sizes and handling), so a code hook can pass an interpretedValue straight through; synonyms
// are the words callers actually use for them.
import { customSlotType, type RegexSlotTypeDefinition, type SlotTypeDefinition } from './bot-model';

/** Booking references are "CB" + 6 of A-Z0-9 (functions/domain/booking-reference.ts). */
export const BOOKING_REFERENCE_PATTERN = 'CB[A-Z0-9]{6}';

export const BOOKING_REFERENCE: RegexSlotTypeDefinition = {
  kind: 'regex',
  name: 'BookingReference',
  description: 'A booking reference such as CB7K2M9Q: CB followed by six letters or digits.',
  parentSlotTypeSignature: 'AMAZON.AlphaNumeric',
  pattern: BOOKING_REFERENCE_PATTERN,
  examples: ['CB7K2M9Q', 'CB12AB34', 'CBX9P2LD', 'CB000417'],
};

/** Lex V2 has no US ZIP type; an AlphaNumeric with a five-digit filter keeps leading zeros, which AMAZON.Number would drop. */
export const US_ZIP_CODE: RegexSlotTypeDefinition = {
  kind: 'regex',
  name: 'UsZipCode',
  description: 'A five-digit US ZIP code.',
  parentSlotTypeSignature: 'AMAZON.AlphaNumeric',
  pattern: '[0-9]{5}',
  examples: ['98101', '98109', '97205', '02134'],
};

export const PACKAGE_SIZE = customSlotType('PackageSize', 'Parcel size class; each has a weight limit and a base price.', {
  SMALL: ['small', 'envelope', 'letter', 'documents', 'a document', 'small box', 'shoebox', 'shoe box', 'tiny', 'little', 'padded envelope', 'jiffy bag'],
  MEDIUM: ['medium', 'medium sized', 'mid size', 'average', 'normal size', 'regular', 'standard box', 'moving box', 'box'],
  LARGE: ['large', 'big', 'big box', 'bulky', 'suitcase', 'trunk size', 'quite big'],
  EXTRA_LARGE: ['extra large', 'extra-large', 'very large', 'huge', 'really big', 'oversized', 'massive', 'furniture', 'van load', 'pallet', 'XL'],
});

export const SPECIAL_HANDLING = customSlotType('SpecialHandling', 'Care the parcel needs; NONE when there is nothing special.', {
  FRAGILE: ['fragile', 'breakable', 'glass', 'delicate', 'handle with care', 'ceramics', 'china'],
  PERISHABLE: ['perishable', 'food', 'flowers', 'fresh food', 'needs to stay cold', 'refrigerated', 'chilled'],
  SIGNATURE_REQUIRED: ['signature', 'signature required', 'needs a signature', 'sign for it', 'signed for', 'proof of delivery'],
  KEEP_UPRIGHT: ['keep upright', 'this way up', 'upright', 'do not tip', "don't tip it", 'liquids'],
  HIGH_VALUE: ['high value', 'valuable', 'expensive', 'jewelry', 'jewellery', 'electronics', 'insured'],
  NONE: ['none', 'no', 'nothing', 'nothing special', 'no special handling', 'nope', 'not really', 'no thanks', "it's fine", 'standard', 'normal'],
});

export const FEEDBACK_TYPE = customSlotType('FeedbackType', 'Whether the caller is complaining or giving general feedback.', {
  COMPLAINT: ['complaint', 'complain', 'a complaint', 'problem', 'an issue', 'report a problem', 'not happy', 'unhappy', 'bad experience'],
  GENERAL_FEEDBACK: ['feedback', 'general feedback', 'comment', 'suggestion', 'review', 'compliment', 'praise', 'rate', 'rating', 'say thanks', 'good experience'],
});

export const COMPLAINT_SEVERITY = customSlotType('ComplaintSeverity', 'How serious the caller says the problem is; triage may raise it.', {
  LOW: ['low', 'minor', 'not serious', 'small issue', 'a bit annoying', 'slightly'],
  MEDIUM: ['medium', 'moderate', 'fairly serious', 'quite annoying', 'average'],
  HIGH: ['high', 'serious', 'very serious', 'major', 'really bad', 'very upset', 'significant'],
  CRITICAL: ['critical', 'urgent', 'emergency', 'extremely serious', 'dangerous', 'safety issue', 'unacceptable'],
});

export const FAILED_DELIVERY_OPTION = customSlotType('FailedDeliveryOption', 'What the customer wants done after a failed delivery attempt.', {
  REDELIVER: ['redeliver', 'redelivery', 'deliver again', 'deliver it again', 'try again', 'another attempt', 'come back', 'rebook the delivery', 'deliver it another day', 'reschedule'],
  NEIGHBOUR: ['neighbour', 'neighbor', 'next door', 'with a neighbour', 'with my neighbor', 'leave it next door', 'the people next door'],
  SAFE_PLACE: ['safe place', 'leave it somewhere safe', 'porch', 'doorstep', 'at the door', 'behind the gate', 'garage', 'shed', 'back door', 'mailroom'],
  DEPOT_COLLECTION: ['depot', 'collect it', 'collect from the depot', 'pick it up myself', 'collection point', "I'll collect it", 'come and get it', 'pick up at the depot'],
  RETURN_TO_SENDER: ['return to sender', 'send it back', 'return it', 'back to the sender', "don't want it", 'cancel the delivery'],
});

export const SLOT_TYPES: SlotTypeDefinition[] = [BOOKING_REFERENCE, PACKAGE_SIZE, SPECIAL_HANDLING, FEEDBACK_TYPE, COMPLAINT_SEVERITY, FAILED_DELIVERY_OPTION];
