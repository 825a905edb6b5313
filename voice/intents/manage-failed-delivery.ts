// The caller's side of the failed-delivery flow (DESIGN §4): after a missed attempt they choose
// redelivery, a neighbour, a safe place, depot collection or return to sender. The fulfillment
// code hook resumes the waiting state machine with the choice (its task token). The detail each
// option needs — a redelivery day, where the safe place is, which neighbour — is optional here
// and elicited by the dialog code hook once the option is known.
import { ask, respond, say, type IntentDefinition } from '../bot-model';
import { FAILED_DELIVERY_OPTION } from '../slot-types';
import type { LocaleFlavour } from './locale-flavour';
import { bookingReferenceSlot } from './shared-slots';

export function manageFailedDeliveryIntent(flavour: LocaleFlavour): IntentDefinition {
  return {
    name: 'ManageFailedDelivery',
    description: 'Choose what happens to a parcel after a failed delivery attempt.',
    sampleUtterances: [
      'I missed my delivery',
      'you tried to deliver while I was out',
      "I got a card saying you couldn't deliver",
      'can you redeliver my parcel',
      'I want to {FailedDeliveryOption}',
      "the driver couldn't deliver my parcel",
      'rearrange my delivery',
      "I wasn't home when the courier came",
      'can I collect my parcel from the depot',
      'send my parcel back to the sender',
      'you left a missed delivery note',
      'rebook a failed delivery',
      'I want to change what happens to my missed parcel',
      'deliver it again on {RedeliveryDate}',
      'can you leave it in a safe place next time',
      'my delivery attempt failed',
      'reschedule delivery for {BookingReference}',
      'the courier said nobody was in',
      'what are my options for a missed delivery',
      `please leave it with my ${flavour.neighbour}`,
      'please choose {FailedDeliveryOption} for {BookingReference}',
      'nobody answered the door when you came',
      'can you try delivering again {RedeliveryDate}',
      'I was out when the parcel came',
      'nobody was home to take the delivery',
      'I missed the driver earlier',
      'you missed me today',
      'please redeliver on {RedeliveryDate}',
      'can my neighbours take the parcel',
      'just leave it by the back door',
      'I want to pick up my parcel from your depot',
      "return the parcel I don't want it",
      'the delivery failed can you try again',
      'I need a new delivery day for my parcel',
      'what happens to my parcel now I missed it',
      'can you bring my parcel back another day',
      'leave the parcel in my garage next time',
      'I had a failed delivery {BookingReference}',
      'pick a new day for my redelivery',
      'I missed a delivery can it come on another day',
      'what can I do about a missed parcel',
    ],
    slots: [
      bookingReferenceSlot('that could not be delivered'),
      {
        name: 'FailedDeliveryOption',
        description: 'REDELIVER, NEIGHBOUR, SAFE_PLACE, DEPOT_COLLECTION or RETURN_TO_SENDER.',
        slotTypeName: FAILED_DELIVERY_OPTION.name,
        required: true,
        prompt: ask(
          `What would you like us to do? We can deliver again, leave it with a ${flavour.neighbour}, leave it in a safe place, keep it at the depot for you to collect, or return it to the sender.`,
          `Sorry, please choose one: deliver again, ${flavour.neighbour}, safe place, collect from the depot, or return to sender.`,
        ),
        sampleUtterances: ['{FailedDeliveryOption}', "I'd like to {FailedDeliveryOption}", 'please {FailedDeliveryOption}', 'can you {FailedDeliveryOption}'],
      },
      {
        name: 'RedeliveryDate',
        description: 'For REDELIVER: the day to try again. Elicited by the dialog code hook.',
        slotTypeName: 'AMAZON.Date',
        required: false,
        examples: ['tomorrow', 'Monday', 'next Wednesday', 'the 12th'],
        prompt: ask('Which day should we try again?', 'Sorry, which day would you like the redelivery? For example, tomorrow or Monday.'),
        sampleUtterances: ['{RedeliveryDate}', 'on {RedeliveryDate}', '{RedeliveryDate} please'],
      },
      {
        name: 'SafePlaceDescription',
        description: 'For SAFE_PLACE: where to leave it. Elicited by the dialog code hook.',
        slotTypeName: 'AMAZON.FreeFormInput',
        required: false,
        prompt: ask('Where should the driver leave it?', 'Sorry, please describe the safe place, for example behind the side gate.'),
      },
      {
        name: 'NeighbourAddress',
        description: `For NEIGHBOUR: which ${flavour.neighbour}. Elicited by the dialog code hook.`,
        slotTypeName: 'AMAZON.FreeFormInput',
        required: false,
        obfuscate: true,
        prompt: ask(`Which ${flavour.neighbour} should we leave it with? The house number is enough.`, `Sorry, what's your ${flavour.neighbour}'s house number?`),
      },
    ],
    confirmation: {
      prompt: ask('Just to confirm, you would like us to {FailedDeliveryOption} for booking {BookingReference}. Is that right?', 'Sorry, shall I go ahead with that? Please say yes or no.'),
      declinationResponse: respond("Okay, I haven't changed anything."),
      declinationNextStep: 'ElicitIntent',
    },
    dialogCodeHook: true,
    fulfillmentCodeHook: true,
    fulfillmentResponses: {
      success: respond("Done. We'll let you know by text when it's on its way."),
      failure: respond("I'm sorry, I couldn't update that delivery. It may already be on its way back to us."),
    },
    closing: { response: respond(say('Is there anything else I can help you with?', 'Can I help with anything else today?')), nextStep: 'ElicitIntent' },
  };
}
