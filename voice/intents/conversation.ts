// Intents that steer the conversation rather than do business: a human, help, cancel, goodbye,
// and the fallback. Help and cancel are custom intents rather than AMAZON.HelpIntent and
// AMAZON.CancelIntent because built-in intents take no sample utterances: with our own, the
// phrases Lex is trained on on AWS are exactly the ones the local NLU learns, and both can be tested.
import { respond, say, ssml, type IntentDefinition } from '../bot-model';

const ANYTHING_ELSE = say('Is there anything else I can help you with?', 'Can I help with anything else today?');

export function speakToAgentIntent(): IntentDefinition {
  return {
    name: 'SpeakToAgent',
    description: 'Hand the caller to a person; the contact flow transfers to the queue when this intent closes.',
    sampleUtterances: [
      'speak to an agent',
      'I want to talk to a real person',
      'operator',
      'customer service please',
      'can I speak to someone',
      'put me through to a human',
      'representative',
      'I need to talk to a member of staff',
      'get me a person',
      'transfer me to an advisor',
      "I don't want to talk to a robot",
      'let me speak to a manager',
      'connect me to support',
      'agent please',
      'is there a human I can talk to',
      'talk to customer care',
      'can I speak with someone on your team',
      'I need a human being',
      'can I talk to somebody in person',
      'real person please',
      'let me talk to someone',
      'I want to speak to customer support',
    ],
    slots: [],
    dialogCodeHook: false,
    fulfillmentCodeHook: false,
    closing: { response: respond('Okay, let me put you through to a member of our team. Please hold.'), nextStep: 'EndConversation' },
  };
}

export function getHelpIntent(): IntentDefinition {
  return {
    name: 'GetHelp',
    description: 'Tell the caller what the bot can do.',
    sampleUtterances: [
      'help',
      'what can you do',
      'what are my options',
      'I need some help',
      'how does this work',
      'what can I say',
      "I'm not sure what to do",
      'can you help me',
      'what services do you offer',
      "I'm confused",
      'tell me what I can ask',
      'help me please',
      'what do you do',
      'list the options',
      "I don't know what to say",
      'what can I ask you',
      'what are the choices',
      'what can this line do',
      'how do I get started',
      'how does this service work',
      'how can you help',
      'explain my options',
      "I'm lost",
      'can you give me some help',
    ],
    slots: [],
    dialogCodeHook: false,
    fulfillmentCodeHook: false,
    closing: {
      response: respond(
        ssml(
          '<speak>I can book a courier, track a delivery, take a complaint or feedback, or sort out a missed delivery. <break time="300ms"/> You can also ask to speak to an agent. What would you like to do?</speak>',
        ),
      ),
      nextStep: 'ElicitIntent',
    },
  };
}

export function cancelRequestIntent(): IntentDefinition {
  return {
    name: 'CancelRequest',
    description: 'Abandon whatever the caller was doing; nothing is booked or changed.',
    sampleUtterances: [
      'cancel',
      'never mind',
      'forget it',
      'stop',
      'I changed my mind',
      'cancel that',
      'scrap that',
      "I don't want to do this anymore",
      'cancel the whole thing',
      'forget about it',
      'stop this please',
      'I want to stop',
      "don't bother",
      'abort',
      'let me cancel that',
      'hold on cancel',
      "let's not do this",
      'cancel my request',
      'stop what you are doing',
      'no cancel it',
      "I don't want to go ahead",
    ],
    slots: [],
    dialogCodeHook: false,
    // The code hook forgets the abandoned dialog's half-answered questions, so the next request starts clean.
    fulfillmentCodeHook: true,
    closing: { response: respond("Okay, I've stopped there and nothing has been changed.", ANYTHING_ELSE), nextStep: 'ElicitIntent' },
  };
}

export function endConversationIntent(): IntentDefinition {
  return {
    name: 'EndConversation',
    description: 'The caller is done; say goodbye and end the call.',
    sampleUtterances: [
      'no thanks',
      "no that's all",
      'goodbye',
      'bye',
      "that's everything",
      'nothing else thank you',
      "no I'm good",
      "I'm done thanks",
      "that's it for today",
      'no thank you goodbye',
      'all sorted thanks',
      'no nothing else',
      'thanks bye',
      "that's all I needed",
      'see you',
      "no that's fine",
      "that's all thank you",
      'no more questions',
      'nope goodbye',
      "I'm all done",
      'thank you bye',
    ],
    slots: [],
    dialogCodeHook: false,
    fulfillmentCodeHook: false,
    closing: { response: respond('Thanks for calling. Goodbye!'), nextStep: 'EndConversation' },
  };
}

export function fallbackIntent(): IntentDefinition {
  return {
    name: 'FallbackIntent',
    description: 'Lex picks this when nothing matches well enough, or a slot or confirmation was not understood after its retries.',
    parentIntentSignature: 'AMAZON.FallbackIntent',
    sampleUtterances: [],
    slots: [],
    dialogCodeHook: false,
    // The code hook counts misunderstandings in a session attribute and hands over to an agent
    // after the second, so one misheard phrase does not end up in a queue.
    fulfillmentCodeHook: true,
    closing: {
      response: respond(
        say(
          "Sorry, I didn't understand. You can book a courier, track a delivery, make a complaint, sort out a missed delivery, or ask for an agent.",
          "Sorry, I didn't catch that. Could you tell me what you'd like to do, for example track a delivery?",
        ),
      ),
      nextStep: 'ElicitIntent',
    },
  };
}
