// What the service fills in when an entity is created or changed: timestamps, change keys, a new draft's
// defaults, a drive item's eTag. Keyed by type (applied for the type and each of its bases), so a
// `fileAttachment` gets both the attachment defaults and its own.
import type { SchemaIndex } from '../model/schema-index.js';
import { storedBody, textOf } from './item-body.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

interface BehaviourContext {
  store: Store;
  now: string;
  /** The user whose mailbox/drive the record goes into, when known. */
  owner?: EntityRecord;
  /** The id the request gave, where the service keeps one (a schema extension's). */
  givenId?: unknown;
}

type OnCreate = (props: Record<string, unknown>, ctx: BehaviourContext) => void;
type OnUpdate = (record: EntityRecord, ctx: BehaviourContext) => void;

const setDefault = (props: Record<string, unknown>, name: string, value: unknown): void => {
  if (props[name] === undefined) props[name] = value;
};

const ON_CREATE: Record<string, OnCreate> = {
  // A schema extension keeps the id it was given when that already has a prefix (`graphlearn_courses`, a
  // verified domain's); otherwise Graph prefixes `ext` and 8 characters of its own (`extkvbmkofy_courses`).
  // Its id is the property name its data goes under.
  'microsoft.graph.schemaExtension': (p, { store, givenId }) => {
    if (typeof givenId === 'string' && givenId !== '') p['id'] = givenId.includes('_') ? givenId : `ext${store.ids.token(6).replace(/[^A-Za-z0-9]/g, 'x').toLowerCase()}_${givenId}`;
    setDefault(p, 'status', 'InDevelopment');
  },
  'microsoft.graph.outlookItem': (p, { now, store }) => {
    setDefault(p, 'createdDateTime', now);
    setDefault(p, 'lastModifiedDateTime', now);
    setDefault(p, 'changeKey', store.ids.token(12));
    setDefault(p, 'categories', []);
  },
  'microsoft.graph.message': (p, { store, now }) => {
    for (const [k, v] of Object.entries({
      isDraft: true, isRead: true, importance: 'normal', inferenceClassification: 'focused',
      isDeliveryReceiptRequested: false, isReadReceiptRequested: false, toRecipients: [], ccRecipients: [],
      bccRecipients: [], replyTo: [], subject: '', flag: { flagStatus: 'notFlagged' },
      body: { contentType: 'text', content: '' }, conversationId: `AAQkAG${store.ids.token(30)}`,
    })) setDefault(p, k, v);
    setDefault(p, 'receivedDateTime', now);
    setDefault(p, 'sentDateTime', now);
    p['body'] = storedBody(p['body']);
    p['bodyPreview'] = preview(p['body']);
  },
  'microsoft.graph.event': (p, { store, owner }) => {
    if (p['recurrence']) p['type'] = 'seriesMaster';
    setDefault(p, 'iCalUId', `040000008200E00074C5B7101A82E008${store.ids.token(24).toUpperCase()}`);
    for (const [k, v] of Object.entries({
      isAllDay: false, isCancelled: false, isDraft: false, isOrganizer: true, isReminderOn: true,
      reminderMinutesBeforeStart: 15, responseRequested: true, showAs: 'busy', type: 'singleInstance',
      importance: 'normal', sensitivity: 'normal', attendees: [], hasAttachments: false,
      body: { contentType: 'html', content: '' },
    })) setDefault(p, k, v);
    if (owner) setDefault(p, 'organizer', { emailAddress: { name: owner.props['displayName'], address: owner.props['mail'] } });
    p['body'] = storedBody(p['body']);
    p['bodyPreview'] = preview(p['body']);
  },
  'microsoft.graph.attachment': (p, { now }) => {
    setDefault(p, 'lastModifiedDateTime', now);
    setDefault(p, 'isInline', false);
    setDefault(p, 'contentType', 'application/octet-stream');
    if (typeof p['contentBytes'] === 'string') p['size'] = Buffer.from(p['contentBytes'], 'base64').length;
    setDefault(p, 'size', 0);
  },
  'microsoft.graph.mailFolder': (p) => {
    setDefault(p, 'isHidden', false);
  },
  'microsoft.graph.baseItem': (p, { now, owner }) => {
    setDefault(p, 'createdDateTime', now);
    setDefault(p, 'lastModifiedDateTime', now);
    if (owner) {
      const by = { user: { id: owner.props['id'], displayName: owner.props['displayName'], email: owner.props['mail'] } };
      setDefault(p, 'createdBy', by);
      setDefault(p, 'lastModifiedBy', by);
    }
  },
  'microsoft.graph.driveItem': (p, { store }) => {
    const tag = store.ids.token(9);
    setDefault(p, 'eTag', `"{${tag}},1"`);
    setDefault(p, 'cTag', `"c:{${tag}},1"`);
    setDefault(p, 'size', 0);
    if (p['folder'] === undefined && p['file'] === undefined && p['root'] === undefined && p['package'] === undefined) {
      p['file'] = { mimeType: mimeTypeOf(String(p['name'] ?? '')) };
    }
  },
  // To Do fills in the dates, and records when a task became completed (python-o365 reads completedDateTime).
  'microsoft.graph.todoTask': (p, { now }) => {
    setDefault(p, 'createdDateTime', now);
    setDefault(p, 'lastModifiedDateTime', now);
    setDefault(p, 'status', 'notStarted');
    setDefault(p, 'importance', 'normal');
    setDefault(p, 'isReminderOn', false);
    setDefault(p, 'body', { content: '', contentType: 'text' });
    completion(p, now);
  },
  // A Teams message is from whoever posted it, now.
  'microsoft.graph.chatMessage': (p, { now, owner }) => {
    setDefault(p, 'createdDateTime', now);
    setDefault(p, 'lastModifiedDateTime', now);
    setDefault(p, 'messageType', 'message');
    setDefault(p, 'importance', 'normal');
    setDefault(p, 'deletedDateTime', null);
    if (owner) setDefault(p, 'from', { user: { id: owner.props['id'], displayName: owner.props['displayName'], userIdentityType: 'aadUser' } });
  },
  'microsoft.graph.directoryObject': (p) => {
    setDefault(p, 'deletedDateTime', null);
  },
  'microsoft.graph.user': (p, { now }) => {
    setDefault(p, 'createdDateTime', now);
    setDefault(p, 'businessPhones', []);
    setDefault(p, 'accountEnabled', true);
    setDefault(p, 'userType', 'Member');
  },
  'microsoft.graph.group': (p, { now }) => {
    setDefault(p, 'createdDateTime', now);
    setDefault(p, 'groupTypes', []);
    setDefault(p, 'visibility', 'Public');
  },
};

const ON_UPDATE: Record<string, OnUpdate> = {
  'microsoft.graph.outlookItem': (r, { now, store }) => {
    r.props['lastModifiedDateTime'] = now;
    r.props['changeKey'] = store.ids.token(12);
  },
  'microsoft.graph.message': (r) => {
    r.props['body'] = storedBody(r.props['body']);
    r.props['bodyPreview'] = preview(r.props['body']);
  },
  'microsoft.graph.event': (r) => {
    // Giving an event a recurrence makes it a series; taking it away, a single event again.
    if (r.props['type'] === 'singleInstance' || r.props['type'] === 'seriesMaster') r.props['type'] = r.props['recurrence'] ? 'seriesMaster' : 'singleInstance';
    r.props['body'] = storedBody(r.props['body']);
    r.props['bodyPreview'] = preview(r.props['body']);
  },
  'microsoft.graph.baseItem': (r, { now }) => {
    r.props['lastModifiedDateTime'] = now;
  },
  'microsoft.graph.todoTask': (r, { now }) => {
    r.props['lastModifiedDateTime'] = now;
    completion(r.props, now);
  },
  'microsoft.graph.driveItem': (r, { store }) => {
    const version = Number(/,(\d+)"$/.exec(String(r.props['eTag'] ?? ''))?.[1] ?? 1) + 1;
    const tag = store.ids.token(9);
    r.props['eTag'] = `"{${tag}},${version}"`;
    r.props['cTag'] = `"c:{${tag}},${version}"`;
  },
};

/** A task completed now gets its completedDateTime (in UTC, as To Do answers); reopened, it loses it. */
function completion(p: Record<string, unknown>, now: string): void {
  if (p['status'] === 'completed') p['completedDateTime'] ??= { dateTime: `${now.slice(0, 19)}.0000000`, timeZone: 'UTC' };
  else p['completedDateTime'] = null;
}

export function applyCreateDefaults(index: SchemaIndex, type: string, props: Record<string, unknown>, ctx: BehaviourContext): void {
  for (const t of [...index.ancestors(type)].reverse()) ON_CREATE[t]?.(props, ctx);
}

export function applyUpdate(index: SchemaIndex, record: EntityRecord, ctx: BehaviourContext): void {
  for (const t of [...index.ancestors(record.type)].reverse()) ON_UPDATE[t]?.(record, ctx);
}

/** Outlook's bodyPreview: the first 255 characters of the body as text. */
export function preview(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const content = String((body as Record<string, unknown>)['content'] ?? '');
  return textOf(content).replace(/\s+/g, ' ').trim().slice(0, 255);
}

const MIME: Record<string, string> = {
  txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', json: 'application/json', pdf: 'application/pdf',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export function mimeTypeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}
