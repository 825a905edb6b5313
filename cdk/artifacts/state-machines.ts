// Every state machine: its ASL file and what its `${...}` placeholders stand for. CDK passes
// these as definitionSubstitutions; the local cloud substitutes local ARNs and names.
import type { StateMachineId } from './functions';
import type { TableId } from './tables';
import { constantCase } from './naming';

export type Substitution = { functionArn: string } | { tableName: TableId } | { stateMachineArn: StateMachineId };

export interface StateMachineArtifact {
  id: StateMachineId;
  file: string;
  type: 'STANDARD' | 'EXPRESS';
  description: string;
  substitutions: Record<string, Substitution>;
}

export const STATE_MACHINES: readonly StateMachineArtifact[] = [
  {
    id: 'booking',
    file: 'state-machines/booking.asl.json',
    type: 'STANDARD',
    description: 'Booking saga; the execution name is the booking reference, so a retry starts nothing twice',
    substitutions: {
      ValidateBookingFunctionArn: { functionArn: 'validateBooking' },
      QuoteBookingFunctionArn: { functionArn: 'quoteBooking' },
      ReserveCapacityFunctionArn: { functionArn: 'reserveCapacity' },
      ReleaseCapacityFunctionArn: { functionArn: 'releaseCapacity' },
      ChargePaymentFunctionArn: { functionArn: 'chargePayment' },
      RefundPaymentFunctionArn: { functionArn: 'refundPayment' },
      PersistBookingFunctionArn: { functionArn: 'persistBooking' },
      AssignCourierFunctionArn: { functionArn: 'assignCourier' },
      NotifyCustomerFunctionArn: { functionArn: 'notifyCustomer' },
      PublishBookingChangeFunctionArn: { functionArn: 'publishBookingChange' },
    },
  },
  {
    id: 'failedDelivery',
    file: 'state-machines/failed-delivery.asl.json',
    type: 'STANDARD',
    description: 'After a failed delivery attempt: offer the customer options, wait for the answer (or the deadline), act; execution name <reference>-attempt-<n>',
    substitutions: {
      CheckFailedAttemptFunctionArn: { functionArn: 'checkFailedAttempt' },
      OfferDeliveryOptionsFunctionArn: { functionArn: 'offerDeliveryOptions' },
      ReserveCapacityFunctionArn: { functionArn: 'reserveCapacity' },
      ReleaseCapacityFunctionArn: { functionArn: 'releaseCapacity' },
      ActOnFailedDeliveryFunctionArn: { functionArn: 'actOnFailedDelivery' },
      PublishBookingChangeFunctionArn: { functionArn: 'publishBookingChange' },
    },
  },
];

export function stateMachineEnvVar(id: StateMachineId): string {
  return `${constantCase(id)}_STATE_MACHINE_ARN`;
}

/** Replaces `${Name}` placeholders; refuses to leave any unresolved. */
export function substituteDefinition(text: string, values: Record<string, string>): string {
  const result = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`no value for placeholder ${whole}`);
    return values[name];
  });
  return result;
}
