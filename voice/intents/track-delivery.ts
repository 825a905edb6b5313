// R4: tracking by voice. Only the reference is asked for; the fulfillment code hook reads the
// delivery, says where it is and when it should arrive (R4.2–R4.4), offers the courier's contact
// while it is out for delivery (R4.5) and handles unknown references (R4.6, R4.7). The closing
// asks whether the caller needs anything else (R4.8).
import { respond, say, type IntentDefinition } from '../bot-model';
import { bookingReferenceSlot } from './shared-slots';

export function trackDeliveryIntent(): IntentDefinition {
  return {
    name: 'TrackDelivery',
    description: 'Tell the caller where their delivery is and when it should arrive (R4).',
    sampleUtterances: [
      'where is my parcel',
      'track my package',
      'I want to track a delivery',
      'track {BookingReference}',
      "where's my delivery with reference {BookingReference}",
      'has my parcel been delivered yet',
      'when will my package arrive',
      "what's the status of my delivery",
      'can you tell me where my courier is',
      'is my parcel out for delivery',
      'check on my shipment',
      "I'm waiting for a package where is it",
      'delivery status for {BookingReference}',
      'what time is my parcel coming today',
      'has the driver picked up my parcel yet',
      'give me an update on my delivery',
      "I'd like to know when my courier will get here",
      'is my package on its way',
      "what's the ETA on my delivery",
      'my booking reference is {BookingReference} where is it',
      "can I get the courier's phone number",
      'tracking please',
      'how far away is the driver',
      'has my parcel been collected',
      'I want to know where my delivery is',
      'how long will my delivery take',
      'when should my parcel get here',
      'find my parcel {BookingReference}',
      'check the progress of my delivery',
      'where has my package got to',
      "what's happening with my parcel",
      'is the delivery still on for today',
      "I need the driver's contact number",
      'can I call the courier who is delivering',
      'has my parcel left the depot',
      "it's reference {BookingReference} can you see where it is",
      "what's the estimated delivery time",
      'status update please',
      'look up my shipment',
      'how do I contact the driver',
      'what number can I call the courier on',
      'when will the courier arrive',
      'is my order on the way',
      'how much longer for my delivery',
      'where is the courier now',
      "text me the driver's number",
      'who is delivering my parcel and how do I reach them',
    ],
    slots: [bookingReferenceSlot('to track')],
    dialogCodeHook: true,
    fulfillmentCodeHook: true,
    fulfillmentResponses: {
      failure: respond("I'm sorry, I couldn't find tracking information for that reference. Our customer service team can help if you'd like to speak to someone."),
    },
    closing: { response: respond(say('Is there anything else I can help you with?', 'Can I help with anything else today?')), nextStep: 'ElicitIntent' },
  };
}
