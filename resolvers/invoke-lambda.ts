// Shared by every field backed by a Lambda handler. Handlers answer { data } or
// { error: { errorType, message, errorInfo } } for expected business errors, so the
// caller gets a typed errorType; anything thrown arrives as ctx.error and is passed on.
import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  return {
    operation: 'Invoke',
    payload: {
      fieldName: ctx.info.fieldName,
      parentTypeName: ctx.info.parentTypeName,
      arguments: ctx.arguments,
      identity: ctx.identity,
      source: ctx.source,
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const answer = ctx.result;
  if (answer && answer.error) util.error(answer.error.message, answer.error.errorType, null, answer.error.errorInfo);
  return answer.data;
}
