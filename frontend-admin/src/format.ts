// Formatting for people: money, times in the depot's zone, dates, statuses.
import type { BookingStatus, ComplaintSeverity } from './api/types';
import { config } from './config';

export function money(minor: number, currency = config().service.currency): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}

/** "8:05 AM" in the depot's time zone. */
export function time(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: config().service.timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** "Tue 24 Nov, 8:05 AM" in the depot's time zone. */
export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: config().service.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "08:00–10:00" from a window's local start and end ("08:00", or a full local time "2026-11-24T08:00"). */
export function windowRange(window: { startLocal: string; endLocal: string }): string {
  const hm = (local: string) => (local.length > 5 ? local.slice(-5) : local);
  return `${hm(window.startLocal)}–${hm(window.endLocal)}`;
}

/** YYYY-MM-DD of now in a time zone (the depot's by default). */
export function today(timeZone = config().service.timeZone): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "Tuesday, 24 November 2026" */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

export const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

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
