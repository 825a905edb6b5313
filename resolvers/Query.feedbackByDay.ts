// feedbackByDay: a day's feedback from the byDay index, whose sort key puts flagged complaints
// first ("0#<createdAt>") and the rest after ("1#<createdAt>"), oldest first within each.
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

export function request(ctx: Context<{ day: string; limit?: number; nextToken?: string }>) {
  const limit = ctx.args.limit ?? DEFAULT_PAGE;
  if (limit < 1 || limit > MAX_PAGE) util.error(`limit must be between 1 and ${MAX_PAGE}.`, 'BadRequest');
  return query({
    query: { day: { eq: ctx.args.day } },
    index: 'byDay',
    scanIndexForward: true,
    limit,
    nextToken: ctx.args.nextToken,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken };
}
