// A large deterministic tenant for bulk work and its benchmark: `tenant: { mailboxes: 1000,
// messagesPerMailbox: 100 }` adds that many users (user0000@contoso.com …) to the seed, each with the
// well-known folders and generated mail. The users are made at start-up (a directory listing must see
// them all); a mailbox's folders and mail are made on its first request, so starting an emulator with a
// hundred thousand messages costs what a thousand users cost. Everything comes from `seed`: the same seed
// gives the same users, subjects, bodies, folders and message ids in every run, whatever order the
// mailboxes are first touched in.
import { createHash } from 'node:crypto';
import { GraphPipeline, type PipelineRequest } from '../http/pipeline.js';
import type { FaultDecision } from '../faults.js';
import type { GraphResponse } from '../http/exchange.js';
import { SeededRandom } from '../random.js';
import type { GraphService } from '../service.js';
import { WELL_KNOWN_FOLDERS } from '../store/mailbox.js';
import { createSeedApi, type SeedApi } from './api.js';
import { SEED_NOW } from './mail.js';
import { TENANT } from './people.js';

export interface TenantOptions {
  /** Users with a mailbox each, `user0000@<domain>` onwards. */
  mailboxes: number;
  /** Messages generated in each mailbox on its first request. @default 100 */
  messagesPerMailbox?: number;
  /** Seed of everything generated: the same seed, the same tenant. @default 1 */
  seed?: number;
}

/** The generated mailboxes' user principal names, in order. */
export function tenantMailboxes(options: Pick<TenantOptions, 'mailboxes'>): string[] {
  return Array.from({ length: options.mailboxes }, (_, i) => upnOf(i));
}

const upnOf = (i: number): string => `user${String(i).padStart(4, '0')}@${TENANT.domain}`;

/** Ids from the seed and a name, so they do not depend on the order things are made in. */
function hashOf(seed: number, name: string): string {
  return createHash('sha256').update(`${seed}:${name}`).digest('hex');
}

/** A user's id: v4-shaped, as Entra's are. */
function idOf(seed: number, i: number): string {
  const hex = hashOf(seed, `user${i}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A folder's or message's id: opaque base64url, as Outlook's are (and with their `-` and `_`). */
const opaqueId = (seed: number, name: string): string => `AAMk${Buffer.from(hashOf(seed, name), 'hex').toString('base64url')}`;

export function checkTenant(options: TenantOptions): Required<TenantOptions> {
  const o = { messagesPerMailbox: 100, seed: 1, ...options };
  for (const [name, value] of Object.entries(o)) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`tenant.${name} must be a whole number of at least 0, got ${String(value)}.`);
  }
  if (o.mailboxes > 10_000) throw new TypeError(`tenant.mailboxes is at most 10,000 (user0000 to user9999), got ${o.mailboxes}.`);
  return o;
}

/** Entities the tenant adds to a store: for raising its size limit. */
export function tenantEntities(o: Required<TenantOptions>): number {
  return o.mailboxes * (1 + Object.keys(WELL_KNOWN_FOLDERS).length + o.messagesPerMailbox);
}

/** Adds the users (a seed step, run with the others at start-up). */
export function seedTenantUsers(api: SeedApi, o: Required<TenantOptions>): void {
  for (let i = 0; i < o.mailboxes; i++) {
    const upn = upnOf(i);
    const nickname = upn.split('@')[0]!;
    api.post('/users', {
      id: idOf(o.seed, i), userPrincipalName: upn, mail: upn, mailNickname: nickname, displayName: `User ${String(i).padStart(4, '0')}`,
      accountEnabled: true, userType: 'Member', createdDateTime: '2023-01-09T16:00:00Z',
    });
  }
}

const SUBJECTS = ['Quarterly numbers', 'Lunch on Friday?', "Re: it's time to talk pricing", 'Invoice', 'Team offsite', 'Ticket update', 'Weekly report', 'Launch checklist'];
const FOLDERS = ['inbox', 'inbox', 'inbox', 'inbox', 'inbox', 'inbox', 'sentitems', 'sentitems', 'archive', 'deleteditems'];

/** Makes a mailbox's folders and mail the first time a request names its user, in the store of that version. */
export class LazyTenant {
  private readonly index = new Map<string, number>();
  private readonly made = new Set<string>();

  constructor(private readonly services: Map<string, GraphService>, private readonly o: Required<TenantOptions>) {
    for (let i = 0; i < o.mailboxes; i++) {
      this.index.set(upnOf(i), i);
      this.index.set(idOf(o.seed, i), i);
    }
  }

  touch(pathname: string): void {
    const m = /^\/([^/]+)\/users\/([^/?]+)/i.exec(pathname);
    if (!m) return;
    let key: string;
    try {
      key = decodeURIComponent(m[2]!).toLowerCase();
    } catch {
      return; // a malformed path is the router's to answer
    }
    const i = this.index.get(key);
    const service = this.services.get(m[1]!);
    if (i === undefined || !service || this.made.has(`${service.version}\n${i}`)) return;
    this.made.add(`${service.version}\n${i}`);
    const realClock = service.store.clock;
    service.store.clock = () => new Date(SEED_NOW);
    try {
      this.makeMailbox(createSeedApi(service), i);
    } finally {
      service.store.clock = realClock;
    }
  }

  private makeMailbox(api: SeedApi, i: number): void {
    if (!api.hasNavigation('microsoft.graph.user', 'mailFolders')) return;
    const user = idOf(this.o.seed, i);
    const upn = upnOf(i);
    for (const [wellKnownName, displayName] of Object.entries(WELL_KNOWN_FOLDERS)) {
      api.post(`/users/${user}/mailFolders`, { id: opaqueId(this.o.seed, `folder${i}.${wellKnownName}`), displayName, '@emulator.wellKnownName': wellKnownName });
    }
    const random = new SeededRandom((this.o.seed * 1_000_003 + i) >>> 0);
    for (let n = 0; n < this.o.messagesPerMailbox; n++) {
      const folder = FOLDERS[random.int(FOLDERS.length)]!;
      const peer = upnOf(random.int(this.o.mailboxes));
      const [from, to] = folder === 'sentitems' ? [upn, peer] : [peer, upn];
      const when = new Date(SEED_NOW - (n + 1) * 3_600_000 - random.int(3_600_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const subject = `${SUBJECTS[random.int(SUBJECTS.length)]} #${n}`;
      api.post(`/users/${user}/mailFolders/${folder}/messages`, {
        id: opaqueId(this.o.seed, `message${i}.${n}`), subject, body: { contentType: 'text', content: `Message ${n} of ${upn}: ${random.bytes(24).toString('base64')}` },
        from: { emailAddress: { address: from } }, sender: { emailAddress: { address: from } }, toRecipients: [{ emailAddress: { address: to } }],
        isRead: random.next() < 0.7, isDraft: false, receivedDateTime: when, sentDateTime: when, createdDateTime: when, lastModifiedDateTime: when,
        internetMessageId: `<m${n}.u${i}.s${this.o.seed}@${TENANT.domain}>`,
      });
    }
  }
}

/** The Graph pipeline with the tenant's mailboxes made on first touch (`$batch` items come through here too). */
export class LazyTenantPipeline extends GraphPipeline {
  constructor(options: ConstructorParameters<typeof GraphPipeline>[0], private readonly tenant: LazyTenant) {
    super(options);
  }

  override handle(request: PipelineRequest, decided?: { fault: FaultDecision | undefined }): Promise<GraphResponse> {
    this.tenant.touch(request.url.pathname);
    return super.handle(request, decided);
  }
}
