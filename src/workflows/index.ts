// `msgraph-ts/workflows`: python-o365's and exchangelib's everyday tasks as thin helpers over the generated
// builders. Each object keeps its builder in `.builder`: whatever is not wrapped is `client.…` as usual.
export { WorkflowError, type WorkflowErrorCode } from './errors.js';
export { mailbox, Mailbox, MailItem, type FlagStatus, type MessageQuery, type ResourceClient } from './mail.js';
export { MessageDraft, MAX_ATTACHMENT_BYTES, type AttachOptions, type SendOptions } from './draft.js';
export { WELL_KNOWN_FOLDERS, type FolderRef, type WellKnownFolder } from './folders.js';
export { drive, Drive, type CopyOptions, type PathBuilder, type TransferOptions } from './files.js';
export { schedule, Schedule, type NewEvent, type ScheduleOptions, type WallTime } from './calendar.js';
export type { Content } from './source.js';
