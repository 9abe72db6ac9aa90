// Which Graph workload owns a type. Graph routes each resource to a different backend (Exchange, Entra ID,
// SharePoint/OneDrive) and each answers errors and permissions its own way; the type tells us which one.
import type { Area } from '../errors.js';
import type { SchemaIndex } from './schema-index.js';

const OUTLOOK_BASES = [
  'microsoft.graph.outlookItem', 'microsoft.graph.attachment', 'microsoft.graph.mailFolder',
  'microsoft.graph.calendar', 'microsoft.graph.calendarGroup', 'microsoft.graph.contactFolder',
  'microsoft.graph.messageRule', 'microsoft.graph.inferenceClassification', 'microsoft.graph.outlookUser',
  'microsoft.graph.outlookCategory', 'microsoft.graph.mailboxFolder', 'microsoft.graph.mailboxItem',
];
const DRIVE_BASES = [
  'microsoft.graph.baseItem', 'microsoft.graph.permission', 'microsoft.graph.thumbnailSet',
  'microsoft.graph.baseItemVersion', 'microsoft.graph.list', 'microsoft.graph.listItem',
];
const DIRECTORY_BASES = ['microsoft.graph.directoryObject', 'microsoft.graph.organization'];

export function areaOf(index: SchemaIndex, type: string): Area {
  const chain = index.ancestors(type);
  if (chain.some((t) => OUTLOOK_BASES.includes(t))) return 'outlook';
  if (chain.some((t) => DRIVE_BASES.includes(t))) return 'drive';
  if (chain.some((t) => DIRECTORY_BASES.includes(t))) return 'directory';
  return 'other';
}

/** Directory objects are where `ConsistencyLevel: eventual` gates advanced queries. */
export function isDirectoryType(index: SchemaIndex, type: string): boolean {
  return index.isA(type, 'microsoft.graph.directoryObject');
}
