// Words and colours for statuses, reasons and options; and what a courier may do next while an
// update is still queued (the server decides again when it arrives — see deliveryStatusOptions in
// functions/domain/delivery.ts, which this follows).
import type { BookingStatus, Delivery, FailedDeliveryOption, FailureReason } from './api/types';
import type { QueueItem } from './offline/queue';

export const STATUS_LABELS: Record<BookingStatus, string> = {
  BOOKED: 'Booked',
  ASSIGNED: 'Assigned',
  COLLECTED: 'Collected',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  FAILED_DELIVERY: 'Delivery failed',
  RETURNED: 'Returned',
  CANCELLED: 'Cancelled',
};

/** The button text for setting a status. */
export const ACTION_LABELS: Partial<Record<BookingStatus, string>> = {
  COLLECTED: 'Collected',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  FAILED_DELIVERY: 'Failed delivery',
  RETURNED: 'Returned to sender',
};

export const FAILURE_REASONS: { value: FailureReason; label: string }[] = [
  { value: 'RECIPIENT_ABSENT', label: 'Recipient absent' },
  { value: 'ADDRESS_NOT_FOUND', label: 'Address not found' },
  { value: 'REFUSED', label: 'Refused' },
  { value: 'ACCESS_PROBLEM', label: 'Access problem' },
  { value: 'DAMAGED', label: 'Damaged' },
  { value: 'OTHER', label: 'Other' },
];

export const FAILURE_REASON_LABELS = Object.fromEntries(FAILURE_REASONS.map((r) => [r.value, r.label])) as Record<FailureReason, string>;

export const OPTION_LABELS: Record<FailedDeliveryOption, { title: string; detail: string }> = {
  REDELIVER: { title: 'Deliver again', detail: 'Pick a day and time window that suits you.' },
  NEIGHBOUR: { title: 'Leave it with a neighbour', detail: 'Tell us which neighbour.' },
  SAFE_PLACE: { title: 'Leave it in a safe place', detail: 'Tell us where, e.g. “behind the side gate”.' },
  DEPOT_COLLECTION: { title: 'Collect it from the depot', detail: 'We keep it for you at our depot.' },
  RETURN_TO_SENDER: { title: 'Return it to the sender', detail: 'We send the parcel back.' },
};

export type StatusTone = 'todo' | 'moving' | 'done' | 'problem' | 'muted';

export function statusTone(status: BookingStatus): StatusTone {
  switch (status) {
    case 'BOOKED':
    case 'ASSIGNED':
      return 'todo';
    case 'COLLECTED':
    case 'IN_TRANSIT':
    case 'OUT_FOR_DELIVERY':
      return 'moving';
    case 'DELIVERED':
    case 'RETURNED':
      return 'done';
    case 'FAILED_DELIVERY':
      return 'problem';
    default:
      return 'muted';
  }
}

const GRAPH: Partial<Record<BookingStatus, BookingStatus[]>> = {
  ASSIGNED: ['COLLECTED'],
  COLLECTED: ['IN_TRANSIT', 'OUT_FOR_DELIVERY'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'FAILED_DELIVERY', 'RETURNED'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'FAILED_DELIVERY', 'IN_TRANSIT'],
};

/** The next statuses after a queued update to `status`, as the server would offer them. */
export function guessNextStatuses(status: BookingStatus, delivery: Pick<Delivery, 'returnToSender'>): BookingStatus[] {
  return (GRAPH[status] ?? []).filter((to) => {
    if (to === 'RETURNED') return delivery.returnToSender !== null;
    if (delivery.returnToSender && (to === 'OUT_FOR_DELIVERY' || to === 'DELIVERED' || to === 'FAILED_DELIVERY')) return false;
    return true;
  });
}

export interface EffectiveDelivery extends Delivery {
  /** Updates made but not yet applied by the server, oldest first. */
  queued: QueueItem[];
  /** True when status and nextStatuses come from queued updates rather than the server. */
  provisional: boolean;
}

/** The delivery as the courier's own queued updates will leave it. */
export function withQueued(delivery: Delivery, queued: QueueItem[]): EffectiveDelivery {
  const waiting = queued.filter((q) => q.state !== 'failed');
  const last = waiting.at(-1);
  if (!last) return { ...delivery, queued, provisional: false, nextStatuses: queued.length ? [] : delivery.nextStatuses };
  return { ...delivery, status: last.status, nextStatuses: guessNextStatuses(last.status, delivery), queued, provisional: true };
}
