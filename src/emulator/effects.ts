// What the emulator did, for tests to assert on: side effects (a mail sent to whom, an item created,
// bytes uploaded) and one line per request. A reliability test can check that a throttled request
// (429) changed nothing, or that a retried POST after a 504 sent the mail twice.

interface EffectBase {
  /** The `request-id` of the request that caused it (batch items have their own). */
  requestId: string;
  version: string;
}

export interface MailSentEffect extends EffectBase {
  kind: 'mailSent';
  from: string;
  subject: string;
  toRecipients: string[];
  ccRecipients: string[];
  bccRecipients: string[];
  /** In-tenant mailboxes that received a copy in their Inbox. */
  deliveredTo: string[];
  attachments: number;
  internetMessageId: string;
  savedToSentItems: boolean;
}

export interface EntityEffect extends EffectBase {
  kind: 'created' | 'updated' | 'deleted';
  type: string;
  id: string;
  /** Canonical path of the entity, after the version. */
  path: string;
}

export interface ReferenceEffect extends EffectBase {
  kind: 'linked' | 'unlinked';
  /** Path of the navigation (`/groups/{id}/members`). */
  path: string;
  targetId: string;
}

export interface UploadEffect extends EffectBase {
  kind: 'uploaded';
  itemId: string;
  name: string;
  bytes: number;
}

export interface MovedEffect extends EffectBase {
  kind: 'moved' | 'copied';
  type: string;
  fromId: string;
  toId: string;
  destination: string;
}

export type Effect = MailSentEffect | EntityEffect | ReferenceEffect | UploadEffect | MovedEffect;

export interface RequestRecord {
  requestId: string;
  method: string;
  /** Path and query as received (for batch items: the item's URL). */
  path: string;
  status: number;
  /** Set when the fault injector answered (or overrode) this request. */
  fault?: number;
  /**
   * Set when the fault injector reset the connection: `midRequest` (never processed; `status` is 0) or
   * `midResponse` (processed; `status` is what the client began to receive).
   */
  reset?: 'midRequest' | 'midResponse';
  /** Set when a per-mailbox limit answered 429: too many requests in flight, or too many mails sent. */
  throttled?: 'MailboxConcurrency' | 'MessageRate' | 'MailboxRequestRate' | 'MailboxUploadVolume';
  /** How many effects the request caused; a throttled request must have none. */
  sideEffects: number;
  /** The request was an item of a `$batch` with this outer request id. */
  batchId?: string;
  startedAt: string;
  durationMs: number;
}

/** Distributes effects to whoever is listening (the emulator's log) and counts them per request. */
export class EffectLog {
  readonly entries: Effect[] = [];
  private readonly perRequest = new Map<string, number>();

  record(effect: Effect): void {
    this.entries.push(effect);
    this.perRequest.set(effect.requestId, (this.perRequest.get(effect.requestId) ?? 0) + 1);
  }

  countFor(requestId: string): number {
    return this.perRequest.get(requestId) ?? 0;
  }

  clear(): void {
    this.entries.length = 0;
    this.perRequest.clear();
  }
}
