// Formatting for people: money, times in the depot's zone, dates, statuses.
import type { BookingStatus, ComplaintSeverity } from './api/types';
import * as shared from '../../frontend-shared/format';
import { config } from './config';

export { addDays, isDate, formatWindowRange as windowRange } from '../../frontend-shared/format';

export const money = (minor: number, currency = config().service.currency): string => shared.formatMoney(minor, currency);
/** "8:05 AM" in the depot's time zone. */
export const time = (iso: string): string => shared.formatTime(iso, config().service.timeZone);
/** "Tue, Nov 24, 8:05 AM" in the depot's time zone. */
export const dateTime = (iso: string): string => shared.formatDateTime(iso, config().service.timeZone);
/** YYYY-MM-DD of now in a time zone (the depot's by default). */
export const today = (timeZone = config().service.timeZone): string => shared.todayIn(timeZone);

/** "Tuesday, 24 November 2026" */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

export const STATUS_LABELS: Record<BookingStatus, string> = {
  BOOKED: 'Booked',
  ASSIGNED: 'Assigned',
  COLLECTED: 'Collected',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  FAILED_DELIVERY: 'Failed delivery',
  RETURNED: 'Returned',
  CANCELLED: 'Cancelled',
};

export const SIZE_LABELS = { SMALL: 'Small', MEDIUM: 'Medium', LARGE: 'Large', EXTRA_LARGE: 'Extra large' } as const;

export const HANDLING_LABELS = {
  FRAGILE: 'Fragile',
  PERISHABLE: 'Perishable',
  SIGNATURE_REQUIRED: 'Signature required',
  KEEP_UPRIGHT: 'Keep upright',
  HIGH_VALUE: 'High value',
} as const;

/** Most severe first. */
export const SEVERITY_ORDER: ComplaintSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export const SEVERITY_LABELS: Record<ComplaintSeverity, string> = { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };

export const SEVERITY_COLOURS: Record<ComplaintSeverity, string> = { CRITICAL: '#7f1d1d', HIGH: '#dc2626', MEDIUM: '#f59e0b', LOW: '#64748b' };

/** "Damaged", "Courier conduct" from the triage categories (DAMAGED, COURIER_CONDUCT). */
export function categoryLabel(category: string): string {
  const words = category.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
