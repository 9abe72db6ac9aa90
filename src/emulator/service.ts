// One served API version (`/v1.0` or `/beta`): its schema, its store and what its handlers share.
import type { EffectLog } from './effects.js';
import type { MailboxLimits } from './limits/mailbox-limits.js';
import type { SchemaIndex } from './model/schema-index.js';
import type { Store } from './store/store.js';
import type { TransferState } from './transfers.js';

/** Filled in once the server listens; every absolute URL the emulator writes starts with one of these. */
export interface Endpoints {
  /** `https://127.0.0.1:PORT` */
  origin: string;
  /** Pre-authenticated storage URLs live on another host name, as on Graph: `https://localhost:PORT`. */
  storageOrigin: string;
}

export interface GraphService {
  version: string;
  index: SchemaIndex;
  store: Store;
  endpoints: Endpoints;
  /** Server-driven page size when the client gives no `$top`, for every resource; unset: per resource (odata/page-size.ts). */
  pageSize?: number;
  effects: EffectLog;
  transfers: TransferState;
  /** Shared by every served version: a mailbox is one mailbox whichever version reaches it. */
  mailboxLimits: MailboxLimits;
  /** The default user when no identity or header says otherwise (a userPrincipalName). */
  defaultUser?: string;
}

export function baseUrl(service: GraphService): string {
  return `${service.endpoints.origin}/${service.version}`;
}
