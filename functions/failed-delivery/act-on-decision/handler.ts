// Failed-delivery step: carry out the customer's choice, the no-answer reattempt or the return to sender.
import { actOnDecision } from '../../use-cases/failed-delivery-process';
import { failedDeliveryDependencies } from '../dependencies';
import type { ActStepInput } from '../types';

export const handler = async (input: ActStepInput) => actOnDecision(input, failedDeliveryDependencies());
