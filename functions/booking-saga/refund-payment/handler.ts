// Booking saga compensation: refund the payment when the booking could not be stored.
import { paymentGateway } from '../../shared/container';
import type { RefundStepInput } from '../types';

export const handler = async (input: RefundStepInput) => paymentGateway().refund(input.paymentId, `booking ${input.reference} could not be completed`);
