// Properties the service computes rather than stores: folder counts, whether a message has attachments,
// a drive item's child count and path. Computed on read, so they can never drift from the data, and
// applied before $filter/$orderby so `hasAttachments eq true` or `$orderby=totalItemCount` work.
import type { SchemaIndex } from '../model/schema-index.js';
import { childrenOf, driveOf, pathOf, parentOf } from './drive-tree.js';
import type { EntityRecord } from './record.js';

/** Outlook on the web, where Graph's webLinks point. */
const OWA = 'https://outlook.office365.com/owa';

type Compute = (record: EntityRecord, props: Record<string, unknown>) => void;

const COMPUTED: Record<string, Compute> = {
  'microsoft.graph.mailFolder': (record, props) => {
    const messages = [...(record.contained.get('messages')?.values() ?? [])];
    props['totalItemCount'] = messages.length;
    props['unreadItemCount'] = messages.filter((m) => m.props['isRead'] === false).length;
    props['childFolderCount'] = record.contained.get('childFolders')?.size ?? 0;
  },
  'microsoft.graph.message': (record, props) => {
    const attachments = [...(record.contained.get('attachments')?.values() ?? [])];
    props['hasAttachments'] = attachments.some((a) => a.props['isInline'] !== true);
    props['webLink'] ??= `${OWA}/?ItemID=${encodeURIComponent(String(props['id']))}&exvsurl=1&viewmodel=ReadMessageItem`;
  },
  // Outlook on the web opens an event from its webLink.
  'microsoft.graph.event': (_record, props) => {
    props['webLink'] ??= `${OWA}/?itemid=${encodeURIComponent(String(props['id']))}&exvsurl=1&path=/calendar/item`;
  },
  // A channel message (or a reply to one) says which team and channel it is in.
  'microsoft.graph.chatMessage': (record, props) => {
    let at: EntityRecord | undefined = record.parent?.record;
    while (at?.type === 'microsoft.graph.chatMessage') at = at.parent?.record;
    const team = at?.type === 'microsoft.graph.channel' ? at.parent?.record : undefined;
    if (at && team) props['channelIdentity'] ??= { teamId: team.props['id'], channelId: at.props['id'] };
  },
  'microsoft.graph.driveItem': (record, props) => {
    const drive = driveOf(record);
    if (!drive) return;
    if (props['folder'] && typeof props['folder'] === 'object') {
      props['folder'] = { ...(props['folder'] as object), childCount: childrenOf(drive, record).length };
    }
    const parent = parentOf(drive, record);
    const ref = props['parentReference'];
    if (parent && ref && typeof ref === 'object') {
      props['parentReference'] = { ...(ref as object), path: pathOf(drive, parent) };
    }
    // `webUrl` follows the item's place in its drive, as SharePoint's does (moves and renames change it).
    if (typeof drive.props['webUrl'] === 'string' && props['webUrl'] === undefined) {
      props['webUrl'] = `${drive.props['webUrl']}${pathOf(drive, record).slice('/drive/root:'.length)}`;
    }
    const content = record.streams.get('content');
    if (content && props['file']) props['size'] = content.bytes.length;
  },
};

/** The record's properties as a client sees them: stored ones plus the computed ones, as a fresh object. */
export function viewOf(index: SchemaIndex, record: EntityRecord): Record<string, unknown> {
  const props = { ...record.props };
  for (const type of index.ancestors(record.type)) COMPUTED[type]?.(record, props);
  return props;
}
