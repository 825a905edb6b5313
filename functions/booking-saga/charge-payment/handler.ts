// Booking saga step: take payment. The booking reference is the idempotency key, so a
// retried step never charges twice. Declines come back as a refusal; outages are thrown
// (PaymentGatewayUnavailable) for the state machine to retry.
import { formatMoney } from '../../domain/pricing';
import { paymentGateway } from '../../shared/container';
import { businessOutcome } from '../../shared/saga-step';
import type { ChargeStepInput } from '../types';

export const handler = async (input: ChargeStepInput) =>
  businessOutcome(async () => {
    const charge = await paymentGateway().charge({
      idempotencyKey: input.reference,
      amountMinor: input.quote.totalMinor,
      currency: input.quote.currency,
      customerPhone: input.customerPhone,
      description: `Courier booking ${input.reference} (${formatMoney(input.quote.totalMinor, input.quote.currency)})`,
    });
    return { paymentId: charge.paymentId };
  });
