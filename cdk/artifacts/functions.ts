// Every Lambda function: its entry file and what it may touch. CDK builds a NodejsFunction
// per entry and derives least-privilege grants and environment variables from `uses`;
// the local cloud imports the same entry in-process and sets the same variables.
import type { TableId } from './tables';

export type Access = 'read' | 'write' | 'readWrite';
export type StateMachineId = 'booking' | 'failedDelivery';

export interface FunctionUses {
  tables?: Partial<Record<TableId, Access>>;
  /** May start and describe executions of these state machines. */
  stateMachines?: StateMachineId[];
  /** Calls AppSync mutations with IAM auth (publishing changes to subscribers). */
  appSyncMutations?: boolean;
  /** Geocoding and travel times (Amazon Location on AWS). */
  geo?: boolean;
  /** Sends email/SMS (SES/SNS on AWS; records every message in the outbox table). */
  notifications?: boolean;
  /** Takes or refunds payments. */
  payments?: boolean;
  /** Proof-of-delivery files (S3 on AWS, a directory locally). */
  files?: 'read' | 'readWrite';
  /** Resumes executions of these state machines waiting on a task token (SendTaskSuccess). */
  sendsTaskResults?: StateMachineId[];
}

export interface FunctionDefinition {
  id: string;
  /** Path from the repository root to the TypeScript module exporting `handler`. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  uses: FunctionUses;
}

const saga = (step: string) => `functions/booking-saga/${step}/handler.ts`;
const failedDelivery = (step: string) => `functions/failed-delivery/${step}/handler.ts`;

export const FUNCTIONS: readonly FunctionDefinition[] = [
  {
    id: 'createBooking',
    entry: 'functions/api/create-booking/handler.ts',
    description: 'GraphQL createBooking: validates, starts the booking saga and waits for its outcome',
    timeoutSeconds: 30,
    memoryMb: 512,
    uses: { stateMachines: ['booking'], tables: { bookings: 'read' } },
  },
  {
    id: 'pickupWindows',
    entry: 'functions/api/pickup-windows/handler.ts',
    description: 'GraphQL pickupWindows: the windows of a day with their capacity and bookings',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { capacity: 'read' } },
  },
  {
    id: 'setPickupCapacity',
    entry: 'functions/api/set-pickup-capacity/handler.ts',
    description: 'GraphQL setPickupCapacity: admins change how many pickups a window takes',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { capacity: 'readWrite' } },
  },
  {
    id: 'validateBooking',
    entry: saga('validate-booking'),
    description: 'Booking saga: re-validates the request and geocodes both addresses',
    timeoutSeconds: 10,
    memoryMb: 1024,
    uses: { geo: true },
  },
  {
    id: 'quoteBooking',
    entry: saga('quote-booking'),
    description: 'Booking saga: prices the booking from road distance, size, weight and handling',
    timeoutSeconds: 10,
    memoryMb: 512,
    uses: { geo: true },
  },
  {
    id: 'reserveCapacity',
    entry: saga('reserve-capacity'),
    description: 'Booking saga: reserves a place in the pickup window, atomically',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { capacity: 'readWrite' } },
  },
  {
    id: 'releaseCapacity',
    entry: saga('release-capacity'),
    description: 'Booking saga compensation: gives the pickup window place back',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { capacity: 'readWrite' } },
  },
  {
    id: 'chargePayment',
    entry: saga('charge-payment'),
    description: 'Booking saga: takes payment through the payment gateway',
    timeoutSeconds: 15,
    memoryMb: 256,
    uses: { payments: true },
  },
  {
    id: 'refundPayment',
    entry: saga('refund-payment'),
    description: 'Booking saga compensation: refunds a payment',
    timeoutSeconds: 15,
    memoryMb: 256,
    uses: { payments: true },
  },
  {
    id: 'persistBooking',
    entry: saga('persist-booking'),
    description: 'Booking saga: stores the booking and its first tracking event in one transaction',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { bookings: 'readWrite', trackingEvents: 'readWrite' } },
  },
  {
    id: 'assignCourier',
    entry: saga('assign-courier'),
    description: 'Booking saga: assigns the nearest available courier',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { bookings: 'readWrite', trackingEvents: 'readWrite', couriers: 'read' } },
  },
  {
    id: 'notifyCustomer',
    entry: saga('notify-customer'),
    description: 'Booking saga: sends the confirmation (reference, window, tracking link) by SMS and email',
    timeoutSeconds: 15,
    memoryMb: 256,
    // customerLinks: mints the tracking link the messages carry (write only: it never reads one back).
    uses: { notifications: true, tables: { outbox: 'readWrite', customerLinks: 'write' } },
  },
  {
    id: 'publishBookingChange',
    entry: saga('publish-booking-change'),
    description: 'Tells GraphQL subscribers that a booking changed',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { appSyncMutations: true },
  },
  {
    id: 'courierDeliveries',
    entry: 'functions/api/courier-deliveries/handler.ts',
    description: "GraphQL courier reads: a courier's own day list, deliveries, history and report; admin views of any courier",
    timeoutSeconds: 15,
    memoryMb: 512,
    // feedback: the ratings and comments in a courier's report.
    uses: { tables: { bookings: 'read', trackingEvents: 'read', couriers: 'read', feedback: 'read' }, files: 'read' },
  },
  {
    id: 'courierRoute',
    entry: 'functions/api/courier-route/handler.ts',
    description: "GraphQL myRoute: the signed-in courier's remaining stops of a day in a suggested order (travel matrix + route sequencing)",
    timeoutSeconds: 15,
    memoryMb: 1024,
    uses: { tables: { bookings: 'read', trackingEvents: 'read', couriers: 'read' }, geo: true },
  },
  {
    id: 'updateDeliveryStatus',
    entry: 'functions/api/update-delivery-status/handler.ts',
    description: 'GraphQL updateDeliveryStatus: a courier (or admin) moves a delivery on, with location, proof or failure reason',
    timeoutSeconds: 20,
    memoryMb: 512,
    uses: {
      // customerLinks: mints the tracking link each status message carries.
      tables: { bookings: 'readWrite', trackingEvents: 'readWrite', clientUpdates: 'readWrite', couriers: 'read', outbox: 'readWrite', customerLinks: 'write' },
      files: 'readWrite',
      notifications: true,
      appSyncMutations: true,
      stateMachines: ['failedDelivery'],
    },
  },
  {
    id: 'customerDeliveryOptions',
    entry: 'functions/api/customer-delivery-options/handler.ts',
    description: 'GraphQL customer link (API key): the options after a failed delivery, and the customer’s answer',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { customerLinks: 'readWrite', bookings: 'read', capacity: 'read' }, sendsTaskResults: ['failedDelivery'] },
  },
  {
    id: 'trackingPage',
    entry: 'functions/api/tracking-page/handler.ts',
    description: 'GraphQL trackDelivery (API key): the customer’s public tracking page behind a tracking link token',
    timeoutSeconds: 10,
    memoryMb: 512,
    // Read-only: the link, the booking and its trail, the courier's first name and live position (never returned), place names.
    uses: { tables: { customerLinks: 'read', bookings: 'read', trackingEvents: 'read', couriers: 'read' }, geo: true },
  },
  {
    id: 'checkFailedAttempt',
    entry: failedDelivery('check-attempt'),
    description: 'Failed-delivery process: confirms the booking still waits on the failed attempt and counts the attempts left',
    timeoutSeconds: 10,
    memoryMb: 256,
    uses: { tables: { bookings: 'read' } },
  },
  {
    id: 'offerDeliveryOptions',
    entry: failedDelivery('offer-options'),
    description: 'Failed-delivery process: sends the customer a link with their options and parks the task token behind it',
    timeoutSeconds: 15,
    memoryMb: 256,
    uses: { tables: { bookings: 'readWrite', trackingEvents: 'readWrite', customerLinks: 'readWrite', outbox: 'readWrite' }, notifications: true },
  },
  {
    id: 'actOnFailedDelivery',
    entry: failedDelivery('act-on-decision'),
    description: 'Failed-delivery process: carries out the decision (redelivery, reattempt, depot, return) and tells the customer',
    timeoutSeconds: 15,
    memoryMb: 256,
    uses: {
      tables: { bookings: 'readWrite', trackingEvents: 'readWrite', couriers: 'read', customerLinks: 'readWrite', outbox: 'readWrite' },
      notifications: true,
    },
  },
  {
    id: 'voiceCodeHook',
    entry: 'functions/voice/code-hook/handler.ts',
    description: 'Lex V2 code hook of the courier voice bot: dialog checks and fulfillment of booking, tracking, feedback and failed-delivery calls',
    // Fulfilling a booking waits for the saga (StepFunctionsWorkflows waits up to 25 s); Lex waits for the hook up to 30 s.
    timeoutSeconds: 30,
    memoryMb: 1024,
    uses: {
      tables: { bookings: 'read', trackingEvents: 'read', capacity: 'read', couriers: 'read', feedback: 'readWrite', outbox: 'readWrite', customerLinks: 'readWrite' },
      stateMachines: ['booking'],
      sendsTaskResults: ['failedDelivery'],
      geo: true,
      notifications: true,
    },
  },
];

export function functionDefinition(id: string): FunctionDefinition {
  const fn = FUNCTIONS.find((f) => f.id === id);
  if (!fn) throw new Error(`unknown function ${id}`);
  return fn;
}
