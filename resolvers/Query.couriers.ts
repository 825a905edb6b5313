// couriers: the whole (small) couriers table.
import { util, type Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';

export function request() {
  return scan({ limit: 1000 });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.items;
}
