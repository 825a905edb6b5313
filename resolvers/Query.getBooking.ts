// getBooking: one DynamoDB GetItem on the bookings table.
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ reference: string }>) {
  return get({ key: { reference: ctx.args.reference } });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result;
}
