// Reads an RFC 822 / MIME message (what `sendMail` takes as base64 text/plain): headers with folding and
// encoded words, address lists, nested multiparts, quoted-printable and base64 parts in any charset. The
// body is the HTML alternative when there is one, else the plain text; other parts become attachments.
import { GraphError } from '../errors.js';
import { decodeCharset, decodeHeaderText, decodeQuotedPrintable } from './encoding.js';

export interface MailAddress {
  name?: string;
  address: string;
}

export interface ParsedAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
  isInline: boolean;
  contentId?: string;
}

export interface ParsedMail {
  from?: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  messageId?: string;
  /** The Date header as an ISO date-time, when it is one. */
  date?: string;
  body: { contentType: 'text' | 'html'; content: string };
  attachments: ParsedAttachment[];
}

interface Part {
  /** Lower-cased names; values unfolded and UTF-8, encoded words still encoded (addresses split first). */
  headers: Map<string, string>;
  /** Raw content, one character per byte. */
  raw: string;
}

/** Nesting deeper than this is not mail anyone sends; it is refused rather than followed. */
const MAX_DEPTH = 8;
const MAX_PARTS = 500;

const invalid = (message: string): GraphError => new GraphError(400, 'ErrorMimeContentInvalid', message);

export function parseMail(mime: Buffer): ParsedMail {
  const top = splitPart(mime.toString('latin1'));
  if (top.headers.size === 0) throw invalid('The MIME content has no header section.');
  const header = (name: string): string => top.headers.get(name) ?? '';
  const mail: ParsedMail = {
    to: parseAddresses(header('to')), cc: parseAddresses(header('cc')), bcc: parseAddresses(header('bcc')),
    replyTo: parseAddresses(header('reply-to')), subject: decodeHeaderText(header('subject')),
    body: { contentType: 'text', content: '' }, attachments: [],
  };
  const from = parseAddresses(header('from'))[0];
  if (from) mail.from = from;
  const messageId = header('message-id').trim();
  if (messageId) mail.messageId = messageId;
  const date = new Date(header('date').trim());
  if (header('date') && !Number.isNaN(date.getTime())) mail.date = date.toISOString().replace(/\.000Z$/, 'Z');
  const texts: { text?: string; html?: string } = {};
  walk(top, 0, texts, mail.attachments);
  mail.body = texts.html !== undefined ? { contentType: 'html', content: texts.html } : { contentType: 'text', content: texts.text ?? '' };
  return mail;
}

function splitPart(raw: string): Part {
  const blank = /\r?\n\r?\n/.exec(raw);
  const head = blank ? raw.slice(0, blank.index) : raw;
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    // Header values may carry raw UTF-8 (RFC 6532) as well as encoded words.
    if (m && !headers.has(m[1]!.toLowerCase())) headers.set(m[1]!.toLowerCase(), Buffer.from(m[2]!, 'latin1').toString('utf8'));
  }
  return { headers, raw: blank ? raw.slice(blank.index + blank[0].length) : '' };
}

function walk(part: Part, depth: number, texts: { text?: string; html?: string }, attachments: ParsedAttachment[]): void {
  if (depth > MAX_DEPTH) throw invalid(`The MIME content nests multiparts deeper than ${MAX_DEPTH} levels.`);
  const type = parseParams(part.headers.get('content-type') ?? 'text/plain');
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (!boundary) throw invalid(`The ${type.value} part has no boundary.`);
    for (const child of splitMultipart(part.raw, boundary)) walk(splitPart(child), depth + 1, texts, attachments);
    return;
  }
  const disposition = parseParams(part.headers.get('content-disposition') ?? '');
  const rawName = disposition.params.get('filename') ?? type.params.get('name');
  // Many mailers put encoded words in quoted file names; RFC 2231 names arrive already decoded.
  const filename = rawName === undefined ? undefined : decodeHeaderText(rawName);
  const bytes = decodeBody(part);
  const isText = type.value === 'text/plain' || type.value === 'text/html';
  if (isText && disposition.value !== 'attachment' && filename === undefined) {
    const key = type.value === 'text/html' ? 'html' : 'text';
    texts[key] ??= decodeCharset(bytes, type.params.get('charset'));
    return;
  }
  const contentId = part.headers.get('content-id')?.trim().replace(/^<|>$/g, '');
  attachments.push({
    name: filename ?? (type.value === 'message/rfc822' ? 'message.eml' : 'attachment'), contentType: type.value, bytes,
    isInline: disposition.value === 'inline', ...(contentId ? { contentId } : {}),
  });
}

function splitMultipart(raw: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let at = raw.startsWith(delimiter) ? 0 : raw.indexOf(`\n${delimiter}`) + 1;
  if (at === 0 && !raw.startsWith(delimiter)) throw invalid(`The multipart boundary '${boundary}' does not occur in its body.`);
  while (parts.length < MAX_PARTS) {
    const after = at + delimiter.length;
    if (raw.startsWith('--', after)) return parts;
    const lineEnd = raw.indexOf('\n', after);
    if (lineEnd < 0) return parts;
    const next = raw.indexOf(`\n${delimiter}`, lineEnd);
    const end = next < 0 ? raw.length : next;
    parts.push(raw.slice(lineEnd + 1, end > 0 && raw[end - 1] === '\r' ? end - 1 : end));
    if (next < 0) return parts;
    at = next + 1;
  }
  throw invalid(`The MIME content has more than ${MAX_PARTS} parts.`);
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.raw.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.raw);
  return Buffer.from(part.raw, 'latin1');
}

/** `text/plain; charset="utf-8"` → value and lower-cased parameters (RFC 2231 `name*=utf-8''…` too). */
function parseParams(header: string): { value: string; params: Map<string, string> } {
  const [value = '', ...rest] = header.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params = new Map<string, string>();
  for (const piece of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))\s*$/.exec(piece);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const text = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3] ?? '';
    if (name.endsWith('*')) {
      const extended = /^([^']*)'[^']*'(.*)$/.exec(text);
      const escaped = (extended?.[2] ?? text).replace(/%([0-9A-Fa-f]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      params.set(name.slice(0, -1), decodeCharset(Buffer.from(escaped, 'latin1'), extended?.[1] || 'utf-8'));
    } else params.set(name, text);
  }
  return { value: value.trim().toLowerCase(), params };
}

/** `"Name" <a@b>, c@d, Group: e@f;` → addresses (group names and comments dropped). */
export function parseAddresses(value: string): MailAddress[] {
  const out: MailAddress[] = [];
  for (const token of value.replace(/^[^:"<@]*:|;\s*$/g, '').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)(?![^<]*>)/)) {
    const text = token.replace(/\([^()]*\)/g, '').trim();
    const angle = /^(.*)<([^>]*)>$/.exec(text);
    const address = (angle ? angle[2]! : text).trim();
    if (!address.includes('@')) continue;
    const name = angle ? decodeHeaderText(angle[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1')) : '';
    out.push(name ? { name, address } : { address });
  }
  return out;
}
