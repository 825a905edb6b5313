// Failed-delivery step (lambda:invoke.waitForTaskToken): send the customer their options; the
// execution then waits until the link page answers with the task token, or the deadline passes.
import { offerOptions } from '../../use-cases/failed-delivery-process';
import { failedDeliveryDependencies } from '../dependencies';
import type { OfferStepInput } from '../types';

export const handler = async (input: OfferStepInput) => offerOptions(input, failedDeliveryDependencies());
