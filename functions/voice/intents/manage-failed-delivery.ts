// ManageFailedDelivery: after a missed delivery the caller chooses what happens — deliver again
// on a day they pick, leave it with a neighbour or in a safe place, keep it at the depot, or send
// it back. The hook offers only what this parcel allows (a parcel needing a PIN cannot be left
// outside), asks for the detail the option needs, confirms in words, and the fulfillment resumes
// the waiting failed-delivery process with the choice, exactly as the link page does.
import type { LexCodeHookResponse } from '../../../voice/lex-types';
import type { FailedDeliveryOption } from '../../domain/delivery';
import { isDomainError } from '../../domain/errors';
import type { PickupWindow } from '../../domain/pickup-windows';
import { serviceDateOf } from '../../domain/pickup-windows';
import { escapeSsml, speak, spellOut, spokenDate, spokenList, spokenWindow } from '../../domain/voice/speech';
import { trackingReply } from '../../domain/voice/tracking-reply';
import { chooseFailedDeliveryOptionByVoice, failedDeliveryAwaitingChoice, redeliveryWindowsOn } from '../../use-cases/choose-failed-delivery-option-by-voice';
import { trackDelivery } from '../../use-cases/track-delivery';
import type { VoiceDependencies } from '../dependencies';
import type { Conversation } from '../lex/conversation';
import { FAILED, SESSION } from '../lex/session-attributes';
import { ANYTHING_ELSE, OFFER_AGENT, referenceNotFound, TRANSFER } from './replies';

const OPTION_WORDS: Record<FailedDeliveryOption, string> = {
  REDELIVER: 'deliver it again',
  NEIGHBOUR: 'leave it with a neighbour',
  SAFE_PLACE: 'leave it in a safe place',
  DEPOT_COLLECTION: 'keep it at the depot for you to collect',
  RETURN_TO_SENDER: 'return it to the sender',
};

const optionWords = (option: FailedDeliveryOption, localeId: string) => (localeId === 'en_US' ? OPTION_WORDS[option].replace('neighbour', 'neighbor') : OPTION_WORDS[option]);

export async function manageFailedDeliveryIntent(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const reference = conv.value('BookingReference');
  if (!reference) return conv.proceed();

  if (conv.attr(FAILED.offer) === 'agent' && conv.confirmationState !== 'None') {
    const yes = conv.confirmationState === 'Confirmed';
    conv.clearScope(FAILED.prefix);
    return yes ? conv.handover('reference-not-found', TRANSFER) : conv.close('Fulfilled', 'Okay.');
  }
  if (conv.confirmationState === 'Denied') {
    conv.clearScope(FAILED.prefix);
    return conv.elicitIntent(`Okay, I haven't changed anything. ${ANYTHING_ELSE}`);
  }

  let options = conv.json<FailedDeliveryOption[]>(FAILED.booking + '.options');
  if (conv.attr(FAILED.booking) !== reference || !options) {
    try {
      options = (await failedDeliveryAwaitingChoice(reference, deps)).options;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return refuse(conv, reference, error.name, error.info, deps);
    }
    conv.setAttr(FAILED.booking, reference).setJson(FAILED.booking + '.options', options);
  }

  const option = conv.value('FailedDeliveryOption') as FailedDeliveryOption | undefined;
  const choices = spokenList(
    options.map((candidate) => optionWords(candidate, conv.localeId)),
    'or',
  );
  if (!option) return conv.elicitSlot('FailedDeliveryOption', `What would you like us to do? We can ${choices}.`);
  if (!options.includes(option)) {
    conv.clear('FailedDeliveryOption');
    return conv.elicitSlot('FailedDeliveryOption', `For this parcel we can't ${optionWords(option, conv.localeId)}. We can ${choices}. Which would you like?`);
  }

  let window: PickupWindow | undefined;
  if (option === 'REDELIVER') {
    const date = conv.value('RedeliveryDate');
    if (!date) return conv.elicitSlot('RedeliveryDate');
    const open = await redeliveryWindowsOn(date, deps);
    window = open.onDate[0];
    if (!window) {
      conv.clear('RedeliveryDate');
      if (open.daysWithRoom.length === 0) {
        conv.clearScope(FAILED.prefix);
        return conv.elicitIntent(`I'm sorry, we have no free delivery slots at the moment. Please call back tomorrow. ${ANYTHING_ELSE}`);
      }
      const days = open.daysWithRoom.slice(0, 3).map((day) => spokenDate(day, conv.localeId));
      return conv.elicitSlot('RedeliveryDate', `We can't deliver on ${spokenDate(date, conv.localeId)}. We can come on ${spokenList(days, 'or')}. Which day suits you?`);
    }
    conv.setJson(FAILED.window, window);
  }
  if (option === 'SAFE_PLACE' && !conv.filled('SafePlaceDescription')) return conv.elicitSlot('SafePlaceDescription');
  if (option === 'NEIGHBOUR' && !conv.filled('NeighbourAddress')) return conv.elicitSlot('NeighbourAddress');

  if (conv.confirmationState === 'Confirmed') {
    if (conv.isFulfillment) return fulfil(conv, reference, option, window, deps);
    return conv.proceed();
  }
  const detail =
    option === 'REDELIVER' && window
      ? `${optionWords(option, conv.localeId)} ${spokenWindow(window, conv.localeId)}`
      : option === 'SAFE_PLACE'
        ? `${optionWords(option, conv.localeId)}: ${instructionsOf(conv, option)}`
        : option === 'NEIGHBOUR'
          ? `leave it with your ${conv.localeId === 'en_US' ? 'neighbor' : 'neighbour'} at ${instructionsOf(conv, option)}`
          : optionWords(option, conv.localeId);
  return conv.confirm(speak(`Just to confirm: for booking ${spellOut(reference)},`, escapeSsml(`you'd like us to ${detail}. Is that right?`)));
}

function instructionsOf(conv: Conversation, option: FailedDeliveryOption): string {
  const slot = option === 'SAFE_PLACE' ? 'SafePlaceDescription' : 'NeighbourAddress';
  return (conv.value(slot) ?? conv.original(slot) ?? '').trim();
}

async function fulfil(conv: Conversation, reference: string, option: FailedDeliveryOption, window: PickupWindow | undefined, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  try {
    await chooseFailedDeliveryOptionByVoice(
      reference,
      {
        option,
        ...(window ? { windowId: window.id } : {}),
        ...(option === 'SAFE_PLACE' || option === 'NEIGHBOUR' ? { instructions: instructionsOf(conv, option) } : {}),
      },
      deps,
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.name === 'PickupWindowFull') {
      conv.clear('RedeliveryDate').setAttr(FAILED.window, undefined);
      conv.intent.confirmationState = 'None';
      return conv.elicitSlot('RedeliveryDate', 'I\'m sorry, that day has just filled up. Which other day would suit you?');
    }
    return refuse(conv, reference, error.name, error.info, deps);
  }
  conv.clearScope(FAILED.prefix).setAttr(SESSION.misunderstandings, undefined);
  const done: Record<FailedDeliveryOption, string> = {
    REDELIVER: `We'll deliver it again ${window ? spokenWindow(window, conv.localeId) : 'on the day you chose'}.`,
    NEIGHBOUR: "We'll try again on the next working day, and leave it with your neighbour if you're out.",
    SAFE_PLACE: "We'll try again on the next working day, and leave it in your safe place if you're out.",
    DEPOT_COLLECTION: "Your parcel will wait for you at our depot. Bring your booking reference when you collect it.",
    RETURN_TO_SENDER: "We'll return the parcel to the sender.",
  };
  return conv.close('Fulfilled', `Done. ${done[option]} We'll text you to confirm.`);
}

async function refuse(conv: Conversation, reference: string, reason: string, info: Record<string, unknown>, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  conv.clearScope(FAILED.prefix);
  switch (reason) {
    case 'BookingNotFound':
      conv.setAttr(FAILED.offer, 'agent');
      return conv.confirm(referenceNotFound(reference, `Please check the reference on the card or text we left you. ${OFFER_AGENT}`));
    case 'NoFailedDeliveryPending': {
      const facts = await trackDelivery(reference, deps);
      const intro = "That booking doesn't have a missed delivery waiting for your decision.";
      if (!facts) return conv.close('Fulfilled', intro);
      return conv.close(
        'Fulfilled',
        intro,
        trackingReply(facts, {
          localeId: conv.localeId,
          timeZone: deps.rules.serviceTimeZone,
          today: serviceDateOf(deps.clock(), deps.rules),
          includeCourierContact: false,
          offerCourierContact: false,
        }),
      );
    }
    case 'FailedDeliveryAlreadyAnswered': {
      const chosen = info.option as string;
      const words = chosen in OPTION_WORDS ? `to ${optionWords(chosen as FailedDeliveryOption, conv.localeId)}` : 'what to do next';
      return conv.close('Fulfilled', `We already know what to do with that parcel: we've arranged ${words}. If you'd like to change it, please ask for an agent.`);
    }
    case 'FailedDeliveryLinkExpired':
      return conv.close('Fulfilled', "The time to choose has run out, so we've already arranged another delivery attempt. We'll text you the details.");
    case 'OptionsNotOfferedYet':
      return conv.elicitIntent(`We're still getting your options ready. You'll get a text with them in the next few minutes, and you can choose there or call us back. ${ANYTHING_ELSE}`);
    default:
      return conv.elicitIntent(`I'm sorry, I couldn't change that delivery. ${ANYTHING_ELSE}`);
  }
}
