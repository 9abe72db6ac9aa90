// A message's `$value`: its RFC 822 MIME form, the way Exchange exports it: From/To/Cc/Bcc/Subject/Date/
// Message-ID headers (non-ASCII text as encoded words), the body as quoted-printable UTF-8, and
// attachments as base64 parts of a multipart/mixed (inline ones with their Content-ID).
import type { EntityRecord } from '../store/record.js';
import type { Store } from '../store/store.js';
import { base64Lines, encodeHeaderText, encodeQuotedPrintable } from './encoding.js';

interface Recipient {
  emailAddress?: { name?: string; address?: string };
}

function mailbox(r: Recipient | undefined): string {
  const a = r?.emailAddress;
  if (!a?.address) return '';
  if (!a.name) return `<${a.address}>`;
  const name = /^[\x20-\x7e]*$/.test(a.name) ? `"${a.name.replace(/["\\]/g, '\\$&')}"` : encodeHeaderText(a.name);
  return `${name} <${a.address}>`;
}

function mailboxList(value: unknown): string {
  return Array.isArray(value) ? (value as Recipient[]).map(mailbox).filter((m) => m !== '').join(', ') : '';
}

/** RFC 5322 date: `Mon, 06 May 2024 09:00:00 +0000`. */
function mailDate(iso: string): string {
  const date = new Date(iso);
  return (Number.isNaN(date.getTime()) ? new Date(0) : date).toUTCString().replace(/GMT$/, '+0000');
}

function bodyPart(body: { contentType?: string; content?: string }): string[] {
  return [
    `Content-Type: ${body.contentType === 'html' ? 'text/html' : 'text/plain'}; charset="utf-8"`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(body.content ?? ''),
  ];
}

function attachmentPart(a: EntityRecord): string[] {
  const name = encodeHeaderText(String(a.props['name'] ?? 'attachment'));
  const inline = a.props['isInline'] === true && typeof a.props['contentId'] === 'string';
  return [
    `Content-Type: ${String(a.props['contentType'] ?? 'application/octet-stream')}; name="${name}"`,
    `Content-Disposition: ${inline ? 'inline' : 'attachment'}; filename="${name}"`,
    ...(inline ? [`Content-ID: <${String(a.props['contentId'])}>`] : []),
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(String(a.props['contentBytes']), 'base64')),
  ];
}

export function messageMime(store: Store, message: EntityRecord): string {
  const p = message.props;
  const key = store.keyOf(message);
  const optional = (name: string, value: string): string[] => (value ? [`${name}: ${value}`] : []);
  const headers = [
    ...optional('From', mailbox(p['from'] as Recipient | undefined)),
    `To: ${mailboxList(p['toRecipients'])}`,
    ...optional('Cc', mailboxList(p['ccRecipients'])),
    ...optional('Bcc', mailboxList(p['bccRecipients'])),
    ...optional('Reply-To', mailboxList(p['replyTo'])),
    `Subject: ${encodeHeaderText(String(p['subject'] ?? ''))}`,
    `Date: ${mailDate(String(p['sentDateTime'] ?? p['createdDateTime'] ?? store.now()))}`,
    `Message-ID: ${String(p['internetMessageId'] ?? `<${key.slice(0, 24).replace(/[^A-Za-z0-9]/g, 'x')}@emulator.local>`)}`,
    'MIME-Version: 1.0',
  ];
  const body = (p['body'] ?? {}) as { contentType?: string; content?: string };
  const attachments = [...(message.contained.get('attachments')?.values() ?? [])].filter((a) => typeof a.props['contentBytes'] === 'string');
  if (attachments.length === 0) return [...headers, ...bodyPart(body), ''].join('\r\n');
  // Derived from the key, so the same message always exports the same bytes.
  const boundary = `_emulator_${key.slice(-16).replace(/[^A-Za-z0-9]/g, 'x')}_`;
  const lines = [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...bodyPart(body)];
  for (const a of attachments) lines.push(`--${boundary}`, ...attachmentPart(a));
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}
