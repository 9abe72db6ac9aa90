// A user's mailbox as Exchange shapes it: a tree of mail folders holding the messages, with well-known
// folder names (`inbox`, `sentitems`, …) usable wherever a folder id is, and `/me/messages` spanning all;
// and the calendars, one of them the default that `/me/events` and `/me/calendarView` mean.
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

/** Graph's well-known folder names, lower-cased, with the display names the seed gives them. */
export const WELL_KNOWN_FOLDERS: Record<string, string> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  sentitems: 'Sent Items',
  deleteditems: 'Deleted Items',
  outbox: 'Outbox',
  junkemail: 'Junk Email',
  archive: 'Archive',
  conversationhistory: 'Conversation History',
};

/** Every folder of the mailbox, depth first, top-level folders first. */
export function allFolders(user: EntityRecord): EntityRecord[] {
  const out: EntityRecord[] = [];
  const walk = (folders: Iterable<EntityRecord>, depth: number): void => {
    for (const f of folders) {
      out.push(f);
      if (depth < 32) walk(f.contained.get('childFolders')?.values() ?? [], depth + 1);
    }
  };
  walk(user.contained.get('mailFolders')?.values() ?? [], 0);
  return out;
}

export function wellKnownFolder(user: EntityRecord, name: string): EntityRecord | undefined {
  const lower = name.toLowerCase();
  return allFolders(user).find((f) => f.meta['wellKnownName'] === lower);
}

/** A folder by id or well-known name, anywhere in the mailbox. */
export function findFolder(user: EntityRecord, idOrName: string): EntityRecord | undefined {
  return wellKnownFolder(user, idOrName) ?? allFolders(user).find((f) => f.props['id'] === idOrName);
}

export function allMessages(user: EntityRecord): EntityRecord[] {
  const loose = [...(user.contained.get('messages')?.values() ?? [])];
  return [...allFolders(user).flatMap((f) => [...(f.contained.get('messages')?.values() ?? [])]), ...loose];
}

/** The user whose mailbox (or drive, calendar…) holds this record. */
export function ownerUser(store: Store, record: EntityRecord): EntityRecord | undefined {
  let current: EntityRecord | undefined = record;
  for (let i = 0; current && i < 64; i++) {
    if (store.index.isA(current.type, 'microsoft.graph.user')) return current;
    current = current.parent?.record;
  }
  return undefined;
}

/** Puts a message into a folder, keeping `parentFolderId` (which clients read) in step. */
export function fileMessage(store: Store, folder: EntityRecord, message: EntityRecord): void {
  message.props['parentFolderId'] = folder.props['id'];
  store.placeContained(folder, 'messages', message);
  store.touch(message);
}

export function defaultCalendar(user: EntityRecord): EntityRecord | undefined {
  const calendars = [...(user.contained.get('calendars')?.values() ?? [])];
  return calendars.find((c) => c.props['isDefaultCalendar'] === true) ?? calendars[0];
}
