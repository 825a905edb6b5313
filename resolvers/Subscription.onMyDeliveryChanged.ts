// onMyDeliveryChanged: a courier hears only about their own deliveries. The subscription has no
// arguments to trust; the resolver looks the signed-in user's courier id up by username and
// filters every published booking on it (enhanced subscription filtering).
import { extensions, util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context) {
  const identity = ctx.identity as { username?: string } | undefined;
  if (!identity || !identity.username) util.unauthorized();
  return query({ query: { username: { eq: identity!.username! } }, index: 'byUsername', limit: 1 });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const courier = ctx.result.items[0];
  if (!courier) util.error('This account has no courier profile; ask dispatch to set one up.', 'NotACourier');
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ courierId: { eq: courier.courierId } }));
  return null;
}
