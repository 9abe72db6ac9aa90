// The encodings RFC 822 mail lives in: encoded words for non-ASCII header text (RFC 2047), quoted-printable
// and base64 bodies (RFC 2045), and the charsets named by parts. Raw MIME is handled as 'latin1' strings,
// one character per byte, so any 8-bit content survives until its charset is known.

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Bytes of text per encoded word: 45 bytes are 60 base64 characters, inside the 75 RFC 2047 allows. */
const WORD_BYTES = 45;
/** Quoted-printable lines are at most 76 characters, the soft break `=` included. */
const QP_LINE = 76;

/** Header text, as `=?utf-8?B?…?=` words when it is not plain ASCII. */
export function encodeHeaderText(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (chunk !== '' && Buffer.byteLength(chunk + ch, 'utf8') > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?utf-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Decodes the encoded words of a header value (whitespace between two of them is not text). */
export function decodeHeaderText(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?)/g, '$1')
    .replace(/=\?([^?*\s]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=/g, (_all, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return decodeCharset(bytes, charset);
    });
}

export function decodeCharset(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase() || 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

export function encodeQuotedPrintable(text: string): string {
  const lines = text.replace(/\r\n|\r|\n/g, '\n').split('\n');
  return lines.map((line) => {
    const bytes = Buffer.from(line, 'utf8');
    let out = '';
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const lastOfLine = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !lastOfLine);
      const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (current.length + piece.length > QP_LINE - 1) {
        out += `${current}=\r\n`;
        current = '';
      }
      current += piece;
    }
    return out + current;
  }).join('\r\n');
}

export function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const out = Buffer.alloc(joined.length);
  let n = 0;
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else out[n++] = joined.charCodeAt(i) & 0xff;
  }
  return out.subarray(0, n);
}

/** Base64 in lines of 76 characters, as mail carries it. */
export function base64Lines(bytes: Buffer): string {
  return bytes.toString('base64').replace(/(.{76})(?=.)/g, '$1\r\n');
}
