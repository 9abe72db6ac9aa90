// Mailboxes: the well-known folders for every member and the shared mailbox, and a plausible week of mail.
// Subjects include an apostrophe and attachments include real PDF/PNG bytes, because those are what
// client code gets wrong ($filter quoting, attachment `$value`).
import { WELL_KNOWN_FOLDERS } from '../store/mailbox.js';
import type { SeedApi } from './api.js';
import { pdf, PNG_1X1 } from './content.js';
import { PEOPLE, type SeedPerson } from './people.js';

interface SeedMessage {
  folder: string;
  from: SeedPerson | { displayName: string; mail: string };
  to: Array<SeedPerson | { displayName: string; mail: string }>;
  cc?: SeedPerson[];
  subject: string;
  body: string;
  hoursAgo: number;
  isRead?: boolean;
  importance?: 'low' | 'normal' | 'high';
  categories?: string[];
  flagged?: boolean;
  attachments?: Array<{ name: string; contentType: string; bytes: Buffer }>;
}

/** "Now" for the seed: received times count back from here, so the data never changes between runs. */
export const SEED_NOW = Date.parse('2024-05-06T09:00:00Z');

const [adele, alex, megan, nestor, support, lidia] = PEOPLE as [SeedPerson, SeedPerson, SeedPerson, SeedPerson, SeedPerson, SeedPerson];
const fabrikamBilling = { displayName: 'Fabrikam Billing', mail: 'billing@fabrikam.com' };

const MAILBOXES: Array<[SeedPerson, SeedMessage[]]> = [
  [adele, [
    { folder: 'inbox', from: megan, to: [adele], cc: [alex], subject: 'Q3 marketing plan review', body: '<p>Hi Adele, the Q3 plan is attached. Can we review it on Thursday?</p>', hoursAgo: 1, isRead: false, importance: 'high', attachments: [{ name: 'Q3-plan.pdf', contentType: 'application/pdf', bytes: pdf('Q3 marketing plan') }] },
    { folder: 'inbox', from: alex, to: [adele], subject: 'Lunch on Friday?', body: '<p>Pizza place on 5th, 12:30?</p>', hoursAgo: 3, isRead: false, categories: ['Red category'] },
    { folder: 'inbox', from: fabrikamBilling, to: [adele], subject: 'Your invoice INV-1042', body: '<p>Please find invoice INV-1042 attached. Payment is due in 30 days.</p>', hoursAgo: 6, isRead: true, attachments: [{ name: 'invoice-1042.pdf', contentType: 'application/pdf', bytes: pdf('Invoice INV-1042') }] },
    { folder: 'inbox', from: nestor, to: [adele, megan], subject: 'Store operations update', body: '<p>New opening hours start next Monday. Details inside.</p>', hoursAgo: 20, isRead: true, importance: 'high', flagged: true },
    { folder: 'inbox', from: lidia, to: [adele], subject: "Proposal: it's time to talk pricing", body: "<p>I've drafted the pricing proposal we discussed.</p>", hoursAgo: 26, isRead: false, categories: ['Blue category', 'Red category'] },
    { folder: 'inbox', from: megan, to: [adele, alex], subject: 'Re: Launch event logistics', body: '<p>Venue is confirmed for the 14th. Catering still open.</p>', hoursAgo: 30, isRead: true },
    { folder: 'inbox', from: alex, to: [adele], subject: 'Photos from the offsite', body: '<p>A couple of photos from last week.</p>', hoursAgo: 50, isRead: true, attachments: [{ name: 'team.png', contentType: 'image/png', bytes: PNG_1X1 }] },
    { folder: 'inbox', from: support, to: [adele], subject: 'Ticket #5521 updated', body: '<p>The customer replied to ticket #5521.</p>', hoursAgo: 72, isRead: true, importance: 'low' },
    { folder: 'sentitems', from: adele, to: [alex], subject: 'Weekly retail report', body: '<p>Numbers are up 4% week over week.</p>', hoursAgo: 28, isRead: true },
    { folder: 'sentitems', from: adele, to: [megan], subject: 'Budget numbers', body: '<p>Budget spreadsheet is in my OneDrive.</p>', hoursAgo: 48, isRead: true },
    { folder: 'drafts', from: adele, to: [lidia], subject: 'Draft: customer follow-up', body: '<p>Thanks for your time today...</p>', hoursAgo: 2, isRead: true },
    { folder: 'deleteditems', from: fabrikamBilling, to: [adele], subject: 'Old newsletter', body: '<p>Spring news.</p>', hoursAgo: 240, isRead: true },
  ]],
  [alex, [
    { folder: 'inbox', from: adele, to: [alex], subject: 'Weekly retail report', body: '<p>Numbers are up 4% week over week.</p>', hoursAgo: 28, isRead: true },
    { folder: 'inbox', from: megan, to: [alex], subject: 'Campaign brief', body: '<p>Brief for the summer campaign.</p>', hoursAgo: 10, isRead: false },
    { folder: 'inbox', from: megan, to: [adele, alex], subject: 'Re: Launch event logistics', body: '<p>Venue is confirmed for the 14th. Catering still open.</p>', hoursAgo: 30, isRead: false },
  ]],
  [megan, [
    { folder: 'inbox', from: adele, to: [megan], subject: 'Budget numbers', body: '<p>Budget spreadsheet is in my OneDrive.</p>', hoursAgo: 48, isRead: true },
    { folder: 'inbox', from: nestor, to: [adele, megan], subject: 'Store operations update', body: '<p>New opening hours start next Monday. Details inside.</p>', hoursAgo: 20, isRead: false },
  ]],
  [nestor, [
    { folder: 'inbox', from: megan, to: [nestor], subject: 'Headcount request', body: '<p>Requesting one more store associate.</p>', hoursAgo: 12, isRead: false },
  ]],
  [support, [
    { folder: 'inbox', from: fabrikamBilling, to: [support], subject: 'Ticket #5521: order not received', body: '<p>Our order #88 has not arrived.</p>', hoursAgo: 80, isRead: true },
    { folder: 'inbox', from: lidia, to: [support], subject: 'Ticket #5530: login problem', body: '<p>I cannot sign in to the portal.</p>', hoursAgo: 5, isRead: false },
    { folder: 'inbox', from: fabrikamBilling, to: [support], subject: 'Ticket #5521: thanks', body: '<p>It arrived, thank you.</p>', hoursAgo: 2, isRead: false },
  ]],
];

const recipient = (p: { displayName: string; mail: string }) => ({ emailAddress: { name: p.displayName, address: p.mail } });

export function seedMailboxes(api: SeedApi): void {
  if (!api.hasNavigation('microsoft.graph.user', 'mailFolders')) return;
  for (const person of PEOPLE.filter((p) => p.kind !== 'guest')) {
    for (const [wellKnownName, displayName] of Object.entries(WELL_KNOWN_FOLDERS)) {
      api.post(`/users/${person.id}/mailFolders`, { displayName, '@emulator.wellKnownName': wellKnownName });
    }
  }
  for (const [owner, messages] of MAILBOXES) {
    for (const m of messages) {
      const when = new Date(SEED_NOW - m.hoursAgo * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      api.post(`/users/${owner.id}/mailFolders/${m.folder}/messages`, {
        subject: m.subject, body: { contentType: 'html', content: m.body }, from: recipient(m.from), sender: recipient(m.from),
        toRecipients: m.to.map(recipient), ccRecipients: (m.cc ?? []).map(recipient), isRead: m.isRead ?? true,
        isDraft: m.folder === 'drafts', importance: m.importance ?? 'normal', categories: m.categories ?? [],
        flag: { flagStatus: m.flagged ? 'flagged' : 'notFlagged' }, receivedDateTime: when, sentDateTime: when,
        createdDateTime: when, lastModifiedDateTime: when,
        internetMessageId: `<${m.subject.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}.${m.hoursAgo}@contoso.com>`,
        attachments: (m.attachments ?? []).map((a) => ({
          '@odata.type': '#microsoft.graph.fileAttachment', name: a.name, contentType: a.contentType,
          contentBytes: a.bytes.toString('base64'), isInline: false, lastModifiedDateTime: when,
        })),
      });
    }
  }
}
