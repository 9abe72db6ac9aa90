// What a mailbox holds, asked through the shaped client (listing counts against the mailbox's limits
// like any request): its mail folders with their paths, children included, and each folder's message ids.
import { at, type Node } from '../run.js';

export interface Folder {
  id: string;
  /** Display names from the top: `['Inbox', 'Projects']`. */
  path: string[];
}

interface Lister {
  list(query: object): AsyncIterable<Record<string, unknown>>;
}
const lister = (node: Node): Lister => node as unknown as Lister;

/** Every folder, depth first. */
export async function listFolders(client: unknown, mailbox: string): Promise<Folder[]> {
  const folders: Folder[] = [];
  const walk = async (collection: Node, parent: string[]): Promise<void> => {
    for await (const f of lister(collection).list({ select: ['id', 'displayName', 'childFolderCount'], pageSize: 100 })) {
      const folder = { id: String(f['id']), path: [...parent, String(f['displayName'])] };
      folders.push(folder);
      if (Number(f['childFolderCount'] ?? 0) > 0) await walk(at(at(user(client, mailbox), 'mailFolders').byId(folder.id), 'childFolders'), folder.path);
    }
  };
  await walk(at(user(client, mailbox), 'mailFolders'), []);
  return folders;
}

export async function listMessageIds(client: unknown, mailbox: string, folderId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const m of lister(at(at(user(client, mailbox), 'mailFolders').byId(folderId), 'messages')).list({ select: ['id'], pageSize: 1000 })) ids.push(String(m['id']));
  return ids;
}

/** Creates the folder at `path` under `parentId` (or at the top), and gives its id. */
export async function createFolder(client: unknown, mailbox: string, parentId: string | undefined, displayName: string): Promise<string> {
  const folders = at(user(client, mailbox), 'mailFolders');
  const collection = parentId ? at(folders.byId(parentId), 'childFolders') : folders;
  const created = await collection.post({ displayName }) as { id: string };
  return created.id;
}

const user = (client: unknown, mailbox: string): Node => at(client as Node, 'users').byId(mailbox);
