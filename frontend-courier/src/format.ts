// Formatting in the depot's time zone and currency (from config.json).
import * as shared from '../../frontend-shared/format';
import { config } from './config';

export { addDays, formatMinutes, isDate, longDate, shortDate, formatWindowRange as windowRange } from '../../frontend-shared/format';

export const money = (minor: number, currency = config().service.currency) => shared.formatMoney(minor, currency);
export const time = (iso: string) => shared.formatTime(iso, config().service.timeZone);
export const dateTime = (iso: string) => shared.formatDateTime(iso, config().service.timeZone);
export const today = () => shared.todayIn(config().service.timeZone);

export const SIZE_LABELS: Record<string, string> = { SMALL: 'Small', MEDIUM: 'Medium', LARGE: 'Large', EXTRA_LARGE: 'Extra large' };
export const HANDLING_LABELS: Record<string, string> = {
  FRAGILE: 'Fragile',
  PERISHABLE: 'Perishable',
  SIGNATURE_REQUIRED: 'Signature required',
  KEEP_UPRIGHT: 'Keep upright',
  HIGH_VALUE: 'High value (PIN)',
};

export function phoneLink(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}
