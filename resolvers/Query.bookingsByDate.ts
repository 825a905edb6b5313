// bookingsByDate: the byPickupDate index lists a day's bookings in pickup-window order.
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

export function request(ctx: Context<{ date: string; limit?: number; nextToken?: string }>) {
  const limit = ctx.args.limit ?? DEFAULT_PAGE;
  if (limit < 1 || limit > MAX_PAGE) util.error(`limit must be between 1 and ${MAX_PAGE}.`, 'BadRequest');
  return query({
    query: { pickupDate: { eq: ctx.args.date } },
    index: 'byPickupDate',
    limit,
    nextToken: ctx.args.nextToken,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken };
}
