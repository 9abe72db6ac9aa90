// Mail folders by name, as python-o365 and exchangelib users ask for them: a well-known name (`inbox`,
// `sentitems`, …, the names Graph takes in place of an id) or a folder's display name ('Invoices'). An
// unknown name is a WorkflowError listing the folders there are, not a 404 about an id nobody typed.
import { WorkflowError } from './errors.js';
import type { Loose } from './types.js';

/** The folders Graph addresses by name (mailFolder: well-known folder names). */
export const WELL_KNOWN_FOLDERS = [
  'archive', 'clutter', 'conflicts', 'conversationhistory', 'deleteditems', 'drafts', 'inbox', 'junkemail', 'localfailures',
  'msgfolderroot', 'outbox', 'recoverableitemsdeletions', 'scheduled', 'searchfolders', 'sentitems', 'serverfailures', 'syncissues',
] as const;
export type WellKnownFolder = (typeof WELL_KNOWN_FOLDERS)[number];

/** A folder found by name: its id, and the generated builder for everything else (`folder.builder.messages.delta()`). */
export interface FolderRef<B> {
  id: string;
  displayName: string;
  builder: B;
}

/** `mailFolders/{well-known name}` when the name is one, else the top-level folder with that display name (case-insensitive, as Outlook shows them). */
export async function findFolder<B>(mailbox: Loose, name: string): Promise<FolderRef<B>> {
  if (typeof name !== 'string' || name.trim() === '') throw new WorkflowError('invalidArgument', `A folder needs a name: a well-known one (${WELL_KNOWN_FOLDERS.slice(0, 6).join(', ')}, …) or a display name.`);
  const wellKnown = name.toLowerCase().replace(/[\s_-]/g, '');
  if ((WELL_KNOWN_FOLDERS as readonly string[]).includes(wellKnown)) {
    try {
      const folder = await mailbox.mailFolders.byId(wellKnown).get({ select: ['id', 'displayName'] });
      return { id: folder.id, displayName: folder.displayName, builder: mailbox.mailFolders.byId(folder.id) };
    } catch (error) {
      // A well-known name this mailbox lacks (no Archive yet): try it as a display name. Duck-typed: the client's
      // GraphError may come from another copy of the runtime (dist/ and src/ in a clone).
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  const folders: { id: string; displayName: string }[] = [];
  for await (const f of mailbox.mailFolders.list({ select: ['id', 'displayName'], pageSize: 100 })) folders.push(f);
  const found = folders.find((f) => f.displayName?.toLowerCase() === name.toLowerCase());
  if (!found) {
    throw new WorkflowError('folderNotFound', `There is no mail folder named ${JSON.stringify(name)}. The top-level folders are: ${folders.map((f) => f.displayName).join(', ')}; well-known names (inbox, sentitems, drafts, deleteditems, junkemail, archive) work in any language.`);
  }
  return { id: found.id, displayName: found.displayName, builder: mailbox.mailFolders.byId(found.id) };
}
