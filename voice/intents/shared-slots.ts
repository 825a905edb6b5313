// Slots more than one intent asks for, so the booking reference is requested the same way
// whether the caller is tracking, complaining or rearranging a failed delivery.
import { ask, ssml, type SlotDefinition } from '../bot-model';
import { BOOKING_REFERENCE } from '../slot-types';

export function bookingReferenceSlot(purpose: string): SlotDefinition {
  return {
    name: 'BookingReference',
    description: `The booking reference of the delivery ${purpose}.`,
    slotTypeName: BOOKING_REFERENCE.name,
    required: true,
    // Spell-by-letter: references are random letters and digits, which speech recognition
    // otherwise turns into words ("see bee" for C B).
    elicitationStyle: 'SpellByLetter',
    prompt: ask(
      'What is your booking reference? It starts with C B.',
      // The retries say why the answer was not taken (R4.6): Lex only re-asks when it is not a reference.
      ssml(
        '<speak>Sorry, that doesn\'t sound like one of our booking references. They start with C B, followed by six letters or numbers. Please spell it one character at a time, for example <say-as interpret-as="characters">CB7K2M9Q</say-as>.</speak>',
      ),
      'That still isn\'t a booking reference I recognise. It is on your confirmation text and email, and starts with C B followed by six letters or numbers.',
    ),
    sampleUtterances: ['{BookingReference}', 'it is {BookingReference}', "it's {BookingReference}", 'my reference is {BookingReference}', 'the reference number is {BookingReference}'],
  };
}
