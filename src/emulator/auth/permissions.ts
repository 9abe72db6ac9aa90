// Scope and role checks per workload, in the spirit of Graph's permission reference: what a delegated
// token needs for the signed-in user's own data, what it needs for someone else's (the `.Shared` and
// `.All` scopes, plus mailbox delegation), and the application roles an app-only token needs.
import { accessDenied, GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import type { SchemaIndex } from '../model/schema-index.js';
import { entitySetCollection } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';
import type { Resolved, Target } from '../routing/targets.js';

type Workload =
  | 'Mail' | 'MailSend' | 'MailboxSettings' | 'Calendars' | 'Contacts' | 'Tasks' | 'Files' | 'Sites' | 'User' | 'Group' | 'GroupMember'
  | 'UserLinks' | 'Directory' | 'Team';

interface Rule {
  read: string[];
  write: string[];
  /** Delegated access to another user's data; absent when the same scopes apply. */
  readOther?: string[];
  writeOther?: string[];
  /** Application roles; absent when they are named like the delegated "other" (or own) scopes. */
  appRead?: string[];
  appWrite?: string[];
}

const DIR_READ = ['Directory.Read.All', 'Directory.ReadWrite.All'];
const DIR_WRITE = ['Directory.ReadWrite.All'];

const RULES: Record<Workload, Rule> = {
  Mail: {
    read: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'], write: ['Mail.ReadWrite'],
    readOther: ['Mail.Read.Shared', 'Mail.ReadWrite.Shared'], writeOther: ['Mail.ReadWrite.Shared'],
    appRead: ['Mail.ReadBasic', 'Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'], appWrite: ['Mail.ReadWrite'],
  },
  // `/me/mailboxSettings` is a property of the user, but Graph guards it with its own permissions.
  MailboxSettings: { read: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'], write: ['MailboxSettings.ReadWrite'] },
  Tasks: {
    read: ['Tasks.Read', 'Tasks.ReadWrite'], write: ['Tasks.ReadWrite'],
    readOther: ['Tasks.Read.Shared', 'Tasks.ReadWrite.Shared'], writeOther: ['Tasks.ReadWrite.Shared'],
    appRead: ['Tasks.Read.All', 'Tasks.ReadWrite.All'], appWrite: ['Tasks.ReadWrite.All'],
  },
  MailSend: { read: ['Mail.Send'], write: ['Mail.Send'], readOther: ['Mail.Send.Shared'], writeOther: ['Mail.Send.Shared'], appRead: ['Mail.Send'], appWrite: ['Mail.Send'] },
  Calendars: {
    read: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], write: ['Calendars.ReadWrite'],
    readOther: ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'], writeOther: ['Calendars.ReadWrite.Shared'],
    appRead: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], appWrite: ['Calendars.ReadWrite'],
  },
  Contacts: {
    read: ['Contacts.Read', 'Contacts.ReadWrite'], write: ['Contacts.ReadWrite'],
    readOther: ['Contacts.Read.Shared', 'Contacts.ReadWrite.Shared'], writeOther: ['Contacts.ReadWrite.Shared'],
    appRead: ['Contacts.Read', 'Contacts.ReadWrite'], appWrite: ['Contacts.ReadWrite'],
  },
  Files: {
    read: ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'],
    write: ['Files.ReadWrite', 'Files.ReadWrite.All', 'Sites.ReadWrite.All'],
    readOther: ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'],
    writeOther: ['Files.ReadWrite.All', 'Sites.ReadWrite.All'],
  },
  Sites: {
    read: ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
    write: ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
  },
  User: {
    read: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...DIR_READ],
    write: ['User.ReadWrite', 'User.ReadWrite.All', ...DIR_WRITE],
    readOther: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...DIR_READ],
    writeOther: ['User.ReadWrite.All', ...DIR_WRITE],
  },
  Group: {
    read: ['Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.Read.All', 'GroupMember.ReadWrite.All', ...DIR_READ],
    write: ['Group.ReadWrite.All', 'Group.Create', ...DIR_WRITE],
  },
  GroupMember: {
    read: ['GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIR_READ],
    write: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', ...DIR_WRITE],
  },
  Directory: { read: DIR_READ, write: DIR_WRITE },
  // A user's own directory links (`/me/memberOf`, `/me/manager`, `directReports`): User.Read is enough for
  // the signed-in user (Graph's memberOf reference lists it as least privileged); app-only needs Directory.*.
  UserLinks: {
    read: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'GroupMember.Read.All', ...DIR_READ],
    write: DIR_WRITE,
    readOther: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'GroupMember.Read.All', ...DIR_READ],
    appRead: DIR_READ,
  },
  Team: {
    read: ['Team.ReadBasic.All', 'TeamSettings.Read.All', 'Channel.ReadBasic.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIR_READ],
    write: ['TeamSettings.ReadWrite.All', 'Channel.Create', 'Group.ReadWrite.All', ...DIR_WRITE],
  },
};

/** Actions that send mail need Mail.Send, not Mail.ReadWrite. */
const SENDING = new Set(['sendMail', 'send', 'reply', 'replyAll', 'forward']);
/** Actions that only read. */
const READING = new Set(['getMemberGroups', 'getMemberObjects', 'checkMemberGroups', 'checkMemberObjects', 'getByIds']);

export function authorize(ctx: RequestContext, resolved: Resolved): void {
  const caller = ctx.caller;
  if (caller.kind === 'trusted') return;
  const { index } = ctx.service;
  const target = resolved.target;
  let write = ctx.method !== 'GET';
  let workload: Workload | undefined;
  if (target.kind === 'operation') {
    if (target.op.kind === 'function' || READING.has(target.op.name)) write = false;
    if (SENDING.has(target.op.name)) workload = 'MailSend';
  }
  if (target.kind === 'property' && target.property.name === 'mailboxSettings') workload = 'MailboxSettings';
  workload ??= workloadOf(index, subjectType(target), resolved.trail);
  if (!workload) return;
  const rule = RULES[workload];
  const owner = [...resolved.trail].reverse().find((r) => index.isA(r.type, 'microsoft.graph.user'));
  const self = resolved.viaMe || (owner !== undefined && isCaller(ctx, owner)) || owner === undefined;
  const accepted = caller.kind === 'application'
    ? (write ? rule.appWrite ?? rule.writeOther ?? rule.write : rule.appRead ?? rule.readOther ?? rule.read)
    : self ? (write ? rule.write : rule.read) : (write ? rule.writeOther ?? rule.write : rule.readOther ?? rule.read);
  const granted = caller.kind === 'application' ? caller.roles : caller.scopes;
  if (!accepted.some((p) => granted.has(p))) {
    throw accessDenied(`Insufficient privileges to complete the operation. This request needs one of: ${accepted.join(', ')}.`);
  }
  const mailbox = workload === 'Mail' || workload === 'MailSend' || workload === 'Calendars' || workload === 'Contacts';
  if (caller.kind === 'delegated' && mailbox && !self && owner && !isDelegate(ctx, owner)) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
}

/** The entity type a target is about (an operation: its binding), which decides workload and mailbox. */
export function subjectType(target: Target): string | undefined {
  switch (target.kind) {
    case 'collection':
    case 'entity':
    case 'emptySlot':
    case 'mediaSlot':
      return target.type;
    case 'property':
    case 'stream':
      return target.record.type;
    case 'count':
      return target.of.type;
    case 'ref':
      return target.of.type;
    case 'operation':
      return target.binding?.type;
    case 'drivePath':
      return 'microsoft.graph.driveItem';
    default:
      return undefined;
  }
}

function workloadOf(index: SchemaIndex, type: string | undefined, trail: EntityRecord[]): Workload | undefined {
  if (!type) return undefined;
  const chain = index.ancestors(type);
  const is = (t: string): boolean => chain.includes(`microsoft.graph.${t}`);
  const underEvent = trail.some((r) => index.isA(r.type, 'microsoft.graph.event'));
  if (is('attachment')) return underEvent ? 'Calendars' : 'Mail';
  if (is('message') || is('mailFolder') || is('messageRule') || is('inferenceClassification')) return 'Mail';
  if (is('event') || is('calendar') || is('calendarGroup')) return 'Calendars';
  if (is('contact') || is('contactFolder')) return 'Contacts';
  if (is('todo') || is('todoTaskList') || is('todoTask') || is('linkedResource') || is('checklistItem')) return 'Tasks';
  if (is('site') || is('list') || is('listItem')) return 'Sites';
  if (is('baseItem') || is('permission') || is('thumbnailSet')) return 'Files';
  if (is('team') || is('channel')) return 'Team';
  if (is('user')) return 'User';
  if (is('group')) return 'Group';
  if (is('directoryObject')) {
    if (trail.some((r) => index.isA(r.type, 'microsoft.graph.group'))) return 'GroupMember';
    return trail.some((r) => index.isA(r.type, 'microsoft.graph.user')) ? 'UserLinks' : 'Directory';
  }
  return undefined;
}

/** The caller's user id and userPrincipalName, lower-cased (a token carries one, delegations name either). */
function callerNames(ctx: RequestContext): string[] {
  const who = ctx.caller.user;
  if (!who) return [];
  const user = entitySetCollection(ctx.service.store, 'users').find(who);
  return [who, String(user?.props['id'] ?? ''), String(user?.props['userPrincipalName'] ?? '')]
    .filter((n) => n !== '').map((n) => n.toLowerCase());
}

function isCaller(ctx: RequestContext, user: EntityRecord): boolean {
  const names = callerNames(ctx);
  return names.includes(String(user.props['id']).toLowerCase()) ||
    names.includes(String(user.props['userPrincipalName'] ?? '').toLowerCase());
}

/** Shared mailboxes list who may open them (seeded as `meta.delegates`: ids or userPrincipalNames). */
function isDelegate(ctx: RequestContext, owner: EntityRecord): boolean {
  const delegates = Array.isArray(owner.meta['delegates']) ? (owner.meta['delegates'] as string[]) : [];
  const names = callerNames(ctx);
  return delegates.some((d) => names.includes(d.toLowerCase()));
}
