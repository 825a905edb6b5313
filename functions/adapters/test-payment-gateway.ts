// The payment gateway used locally and in test environments (seed 003: a dummy gateway
// with configurable failure). It behaves like a real provider where it matters: at most
// one charge per idempotency key, refunds once per payment, transient outages that a
// retry can get past, and declines that are final. Rates are read on every call from
// PAYMENT_TEST_OUTAGE_RATE and PAYMENT_TEST_DECLINE_RATE (0..1) so they can be changed live.
import { randomUUID } from 'node:crypto';
import { PaymentDeclined, PaymentGatewayUnavailable } from '../domain/errors';
import type { Charge, ChargeRequest, PaymentGateway } from '../ports/payment-gateway';

export interface TestGatewayRates {
  outageRate: number;
  declineRate: number;
}

function rate(name: string): number {
  const value = Number(process.env[name] ?? '0');
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

export function ratesFromEnvironment(): TestGatewayRates {
  return { outageRate: rate('PAYMENT_TEST_OUTAGE_RATE'), declineRate: rate('PAYMENT_TEST_DECLINE_RATE') };
}

export class TestPaymentGateway implements PaymentGateway {
  private readonly charges = new Map<string, Charge>();
  private readonly refunds = new Map<string, { refundId: string }>();

  constructor(
    private readonly rates: () => TestGatewayRates = ratesFromEnvironment,
    private readonly random: () => number = Math.random,
  ) {}

  async charge(request: ChargeRequest): Promise<Charge> {
    const existing = this.charges.get(request.idempotencyKey);
    if (existing) return existing;
    const { outageRate, declineRate } = this.rates();
    if (this.random() < outageRate) throw new PaymentGatewayUnavailable('The test payment gateway simulated an outage.');
    if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0) throw new PaymentDeclined('invalid amount');
    if (this.random() < declineRate) throw new PaymentDeclined('card declined by the test gateway');
    const charge: Charge = { paymentId: `pay_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`, amountMinor: request.amountMinor, currency: request.currency };
    this.charges.set(request.idempotencyKey, charge);
    return charge;
  }

  async refund(paymentId: string): Promise<{ refundId: string }> {
    const existing = this.refunds.get(paymentId);
    if (existing) return existing;
    if (this.random() < this.rates().outageRate) throw new PaymentGatewayUnavailable('The test payment gateway simulated an outage.');
    const refund = { refundId: `re_test_${randomUUID().replace(/-/g, '').slice(0, 20)}` };
    this.refunds.set(paymentId, refund);
    return refund;
  }

  /** For tests and the admin view: what the gateway holds. */
  snapshot(): { charges: number; refunds: number } {
    return { charges: this.charges.size, refunds: this.refunds.size };
  }
}
