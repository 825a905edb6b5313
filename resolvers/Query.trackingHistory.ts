// trackingHistory: the audit trail of one booking, oldest change first.
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ reference: string }>) {
  return query({ query: { reference: { eq: ctx.args.reference } }, scanIndexForward: true, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.items;
}
