// publishBookingChange: backend-only. Returns the booking as stored now, which AppSync
// then fans out to onBookingChanged subscribers (filtered by their arguments).
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ reference: string }>) {
  return get({ key: { reference: ctx.args.reference }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.error(`No booking ${ctx.args.reference} exists.`, 'BookingNotFound');
  return ctx.result;
}
