export interface ChargeRequest {
  /** The provider must charge at most once per key (the booking reference). */
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  customerPhone: string;
  description: string;
}

export interface Charge {
  paymentId: string;
  amountMinor: number;
  currency: string;
}

/**
 * Takes payment for a booking. Throws PaymentDeclined (final) or
 * PaymentGatewayUnavailable (transient: the saga retries it).
 */
export interface PaymentGateway {
  charge(request: ChargeRequest): Promise<Charge>;
  /** Idempotent per payment id. */
  refund(paymentId: string, reason: string): Promise<{ refundId: string }>;
}
