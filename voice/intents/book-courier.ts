// R3: booking by voice. Slots follow the order the requirement gives — pickup address, delivery
// address, package details, pickup window — and then the caller's name. Each address starts with
// the city: it is often in the first sentence already, and the first question should not be a
// free-form one, which would swallow "cancel" or "agent" as a street. Street lines are free
// form (Lex V2 has no postal-address type); the code hook validates and geocodes them together
// with city and postal code, and re-elicits whatever does not match (R3.9).
import { ask, respond, say, ssml, type IntentDefinition, type SlotDefinition } from '../bot-model';
import { PACKAGE_SIZE, SPECIAL_HANDLING } from '../slot-types';
import type { LocaleFlavour } from './locale-flavour';

function addressSlots(prefix: 'Pickup' | 'Delivery', flavour: LocaleFlavour): SlotDefinition[] {
  const label = prefix.toLowerCase();
  const { postalCode } = flavour;
  return [
    {
      name: `${prefix}City`,
      description: `City or town of the ${label} address.`,
      slotTypeName: 'AMAZON.City',
      required: true,
      examples: prefix === 'Pickup' ? flavour.cities.slice(0, 8) : flavour.cities.slice(4),
      prompt: ask(
        prefix === 'Pickup' ? 'Which city or town are we collecting the parcel from?' : 'And which city or town is it going to?',
        `Sorry, which city is the ${label} address in?`,
        `Please say just the name of the city or town, like ${flavour.cities[0]}.`,
      ),
      sampleUtterances: [`{${prefix}City}`, `it's in {${prefix}City}`, `in {${prefix}City}`, `that's {${prefix}City}`],
    },
    {
      name: `${prefix}Street`,
      description: `House number and street of the ${label} address, with flat or suite if any.`,
      slotTypeName: 'AMAZON.FreeFormInput',
      required: true,
      obfuscate: true,
      prompt: ask(
        `What's the street address there? Just the number and street, with the apartment or suite if there is one.`,
        `Sorry, what's the ${label} street address? For example, ${flavour.streets[0]}.`,
      ),
    },
    {
      name: `${prefix}PostalCode`,
      description: `${postalCode.spoken} of the ${label} address.`,
      slotTypeName: postalCode.slotTypeName,
      required: true,
      examples: postalCode.examples,
      prompt: ask(
        `What's the ${postalCode.spoken} there?`,
        `Sorry, I didn't catch the ${postalCode.spoken}. Please say it one character at a time, like ${postalCode.example}.`,
        `I still need the ${postalCode.spoken} for the ${label} address.`,
      ),
      sampleUtterances: [`{${prefix}PostalCode}`, `the ${postalCode.spoken} is {${prefix}PostalCode}`, `it's {${prefix}PostalCode}`],
    },
  ];
}

export function bookCourierIntent(flavour: LocaleFlavour): IntentDefinition {
  return {
    name: 'BookCourier',
    description: 'Book a courier to collect a parcel and deliver it (R3).',
    sampleUtterances: [
      "I'd like to book a courier",
      'I need to book a pickup',
      'can I arrange a collection',
      'I want to send a parcel',
      'I need something picked up from {PickupCity}',
      'book a courier from {PickupCity} to {DeliveryCity}',
      'I need to send a {PackageSize} package to {DeliveryCity}',
      'can you collect a parcel {PickupDate}',
      "I'd like a pickup on {PickupDate} at {PickupTime}",
      'schedule a courier pickup',
      'I have a package that needs delivering',
      'can someone come and get a box from my office',
      'I want to ship a {PackageSize} box',
      'I need a same day courier',
      'arrange a delivery for me please',
      "I'd like to book a driver to pick up a parcel",
      'how do I book a courier',
      'can you send a courier to {PickupCity}',
      'I need a {SpecialHandling} parcel sent to {DeliveryCity}',
      'new booking please',
      'I want to make a booking',
      'send a parcel from {PickupCity} {PickupDate}',
      'I need to courier some documents to {DeliveryCity}',
      'please book a collection for {PickupDate}',
      'I want a driver to collect something {PickupDate} {PickupTime}',
      'can you pick up a parcel and drop it off in {DeliveryCity}',
      'I need a delivery booked',
      'get a courier to come round',
      "I've got a parcel that needs collecting",
      'I need a pickup from my house {PickupDate}',
      'could you come and collect a {PackageSize} parcel',
      'I want to get some documents couriered',
      'book a collection from {PickupCity}',
      "I'd like to send a package to a customer in {DeliveryCity}",
      'can I get a quote for sending a box',
      'I need to post a parcel to {DeliveryCity}',
      'collect a {PackageSize} package from my work',
      'I want a courier to take a parcel to my son',
      'I need to get something to {DeliveryCity} by courier',
      'we need a van for a {PackageSize} delivery',
      'how much to send a parcel to {DeliveryCity}',
      "I'd like to organise a parcel collection",
    ],
    slots: [
      ...addressSlots('Pickup', flavour),
      ...addressSlots('Delivery', flavour),
      {
        name: 'PackageSize',
        description: 'Size class of the parcel.',
        slotTypeName: PACKAGE_SIZE.name,
        required: true,
        prompt: ask(
          'How big is the parcel: small, medium, large or extra large?',
          'Small fits in a shoebox, medium fits on a seat, large needs a car trunk, and extra large needs a van. Which is closest?',
        ),
        sampleUtterances: ["it's {PackageSize}", '{PackageSize}', 'a {PackageSize} one', "it's a {PackageSize} box", 'about {PackageSize}'],
      },
      {
        name: 'PackageWeight',
        description: `Weight of the parcel in ${flavour.weightUnit}.`,
        slotTypeName: 'AMAZON.Number',
        required: true,
        examples: ['2', '5', '12', 'twenty'],
        prompt: ask(`Roughly how much does it weigh, in ${flavour.weightUnit}?`, `Sorry, how many ${flavour.weightUnit} does the parcel weigh? A rough number is fine.`),
        sampleUtterances: [`{PackageWeight} ${flavour.weightUnit}`, `about {PackageWeight} ${flavour.weightUnit}`, '{PackageWeight}', 'around {PackageWeight}'],
      },
      {
        name: 'SpecialHandling',
        description: 'Special handling the parcel needs, or NONE.',
        slotTypeName: SPECIAL_HANDLING.name,
        required: true,
        allowMultipleValues: true,
        prompt: ask(
          'Does it need any special handling, like fragile, perishable, keep upright, high value or signature on delivery? Say no if not.',
          'Sorry, does the parcel need special handling? You can say fragile, perishable, keep upright, high value, signature required, or no.',
        ),
        sampleUtterances: ["it's {SpecialHandling}", '{SpecialHandling}', 'yes {SpecialHandling}', 'it needs {SpecialHandling}'],
      },
      {
        name: 'PickupDate',
        description: 'Day of the pickup window.',
        slotTypeName: 'AMAZON.Date',
        required: true,
        examples: ['tomorrow', 'today', 'Monday', 'next Tuesday', 'the 3rd of December', 'Friday'],
        prompt: ask('Which day would you like us to collect it?', 'Sorry, which day should the courier come? You can say today, tomorrow, or a day of the week.'),
        sampleUtterances: ['{PickupDate}', 'on {PickupDate}', 'how about {PickupDate}', '{PickupDate} please'],
      },
      {
        name: 'PickupTime',
        description: 'Preferred time of day; the code hook maps it to a two-hour pickup window.',
        slotTypeName: 'AMAZON.Time',
        required: true,
        examples: ['10am', 'two pm', 'the morning', 'the afternoon', 'noon'],
        prompt: ask(
          'What time suits you? We collect in two-hour windows between 8 am and 6 pm.',
          'Sorry, what time should we come? For example, 10 am, or the afternoon.',
        ),
        sampleUtterances: ['{PickupTime}', 'at {PickupTime}', 'around {PickupTime}', 'in the {PickupTime}'],
      },
      {
        name: 'CustomerName',
        description: "The caller's first name for the booking; the phone number comes from caller ID.",
        slotTypeName: 'AMAZON.FirstName',
        required: true,
        obfuscate: true,
        examples: ['Maria', 'James', 'Priya'],
        prompt: ask('And finally, can I take your first name for the booking?', 'Sorry, what name should I put the booking under?'),
        sampleUtterances: ["it's {CustomerName}", 'my name is {CustomerName}', '{CustomerName}', 'this is {CustomerName}'],
      },
    ],
    confirmation: {
      // The dialog code hook normally replaces this with the priced quote and the exact pickup
      // window; this wording is what callers hear when it delegates.
      prompt: ask(
        ssml(
          '<speak>So that is a parcel from {PickupStreet}, {PickupCity}, to {DeliveryStreet}, {DeliveryCity}, collected on <say-as interpret-as="date" format="ymd">{PickupDate}</say-as>. Shall I book it?</speak>',
        ),
        'Sorry, shall I go ahead and book that collection? Please say yes or no.',
      ),
      declinationResponse: respond("Okay, I haven't booked anything."),
      declinationNextStep: 'ElicitIntent',
    },
    dialogCodeHook: true,
    fulfillmentCodeHook: true,
    fulfillmentResponses: {
      success: respond('Your courier is booked.'),
      failure: respond("I'm sorry, I couldn't complete the booking just now."),
    },
    closing: { response: respond(say('Is there anything else I can help you with?', 'Can I help with anything else today?')), nextStep: 'ElicitIntent' },
  };
}
