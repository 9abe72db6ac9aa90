// A message's `$value`: its MIME form, enough for clients that save or forward raw mail.
import type { EntityRecord } from '../store/record.js';
import type { Store } from '../store/store.js';

type Recipient = { emailAddress?: { name?: string; address?: string } };

function addresses(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return (value as Recipient[]).map((r) => format(r)).join(', ');
}

function format(r: Recipient | undefined): string {
  const a = r?.emailAddress;
  if (!a?.address) return '';
  return a.name ? `"${a.name.replace(/"/g, "'")}" <${a.address}>` : `<${a.address}>`;
}

export function messageMime(store: Store, message: EntityRecord): string {
  const p = message.props;
  const body = (p['body'] ?? {}) as { contentType?: string; content?: string };
  const boundary = `----=_emulator_${store.keyOf(message).slice(-12).replace(/[^A-Za-z0-9]/g, 'x')}`;
  const lines = [
    `From: ${format(p['from'] as Recipient)}`,
    `To: ${addresses(p['toRecipients'])}`,
    ...(Array.isArray(p['ccRecipients']) && p['ccRecipients'].length > 0 ? [`Cc: ${addresses(p['ccRecipients'])}`] : []),
    `Subject: ${String(p['subject'] ?? '')}`,
    `Date: ${new Date(String(p['sentDateTime'] ?? p['createdDateTime'] ?? store.now())).toUTCString()}`,
    `Message-ID: ${String(p['internetMessageId'] ?? `<${store.keyOf(message).slice(0, 24)}@emulator>`)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    `Content-Type: ${body.contentType === 'html' ? 'text/html' : 'text/plain'}; charset="utf-8"`,
    '',
    body.content ?? '',
  ];
  for (const a of message.contained.get('attachments')?.values() ?? []) {
    if (typeof a.props['contentBytes'] !== 'string') continue;
    lines.push(`--${boundary}`, `Content-Type: ${String(a.props['contentType'] ?? 'application/octet-stream')}; name="${String(a.props['name'] ?? '')}"`,
      'Content-Transfer-Encoding: base64', `Content-Disposition: attachment; filename="${String(a.props['name'] ?? '')}"`, '',
      (a.props['contentBytes'] as string).replace(/(.{76})/g, '$1\r\n'));
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}
