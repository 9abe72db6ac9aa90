// Which mailbox a request targets, for Exchange's per-mailbox limits: Outlook resources (mail, calendar,
// contacts, attachments, mailbox settings) under a user, and the user-bound Outlook operations such as
// sendMail. Directory, drive and other requests under `/users/{id}` are not mailbox requests.
import { subjectType } from '../auth/permissions.js';
import type { RequestContext } from '../http/exchange.js';
import { areaOf } from '../model/areas.js';
import type { Resolved } from '../routing/targets.js';
import type { EntityRecord } from '../store/record.js';

/** Operations bound to a user that Exchange serves. */
const OUTLOOK_USER_OPERATIONS = new Set([
  'sendMail', 'findMeetingTimes', 'getMailTips', 'reminderView', 'supportedLanguages', 'supportedTimeZones', 'translateExchangeIds',
]);
/** User properties that live in the mailbox. */
const OUTLOOK_USER_PROPERTIES = new Set(['mailboxSettings']);

export function targetMailbox(ctx: RequestContext, resolved: Resolved): EntityRecord | undefined {
  const { index } = ctx.service;
  const target = resolved.target;
  const type = subjectType(target);
  const outlook = (type !== undefined && areaOf(index, type) === 'outlook') ||
    (target.kind === 'operation' && OUTLOOK_USER_OPERATIONS.has(target.op.name)) ||
    (target.kind === 'property' && OUTLOOK_USER_PROPERTIES.has(target.property.name));
  if (!outlook) return undefined;
  return [...resolved.trail].reverse().find((r) => index.isA(r.type, 'microsoft.graph.user'));
}

/** Limits are per app and mailbox; without identity every caller is the same app. */
export function appOf(ctx: RequestContext): string {
  return ctx.caller.appId ?? ctx.caller.kind;
}
