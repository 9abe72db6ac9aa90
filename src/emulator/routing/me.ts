// `/me`: the signed-in user. App-only callers have no user, and Graph says so with a 400.
import { badRequest, notFound } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import { entitySetCollection } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';

export function currentUser(ctx: RequestContext): EntityRecord {
  if (ctx.caller.kind === 'application' || !ctx.caller.user) {
    throw badRequest('/me request is only valid with delegated authentication flow.');
  }
  const user = entitySetCollection(ctx.service.store, 'users').find(ctx.caller.user);
  if (!user) throw notFound('directory', ctx.caller.user);
  return user;
}
