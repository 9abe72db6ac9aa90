/**
 * A minimal DER encoder: just the ASN.1 types an X.509 v3 certificate needs.
 *
 * Hand-written so the emulator can mint its own CA and server certificate at
 * run time without a native dependency or a certificate library. Every function
 * returns a complete TLV (tag, length, value) as a Buffer, so values compose by
 * nesting calls.
 */

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Wraps `content` in a TLV with the given tag byte. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

export function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

export function boolean(value: boolean): Buffer {
  return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

export function nullValue(): Buffer {
  return tlv(0x05, Buffer.alloc(0));
}

/**
 * A non-negative INTEGER from big-endian magnitude bytes (or a small number).
 * DER wants the shortest two's-complement form, hence the leading-zero rules.
 */
export function integer(value: number | Buffer): Buffer {
  let bytes = typeof value === 'number' ? numberToBytes(value) : Buffer.from(value);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1]! & 0x80) === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function numberToBytes(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('integer() takes a non-negative safe integer');
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from(bytes.length ? bytes : [0]);
}

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => Number(arc));
  if (arcs.length < 2 || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0)) {
    throw new Error(`Invalid object identifier: ${dotted}`);
  }
  const [first, second, ...rest] = arcs as [number, number, ...number[]];
  const bytes: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const chunk: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export function utf8String(value: string): Buffer {
  return tlv(0x0c, Buffer.from(value, 'utf8'));
}

export function octetString(value: Buffer): Buffer {
  return tlv(0x04, value);
}

/** A BIT STRING holding whole bytes (signatures, public keys, nested DER). */
export function bitString(value: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), value]));
}

/**
 * A named-bit BIT STRING (e.g. KeyUsage) from the bit numbers that are set.
 * DER requires trailing zero bits to be dropped, which is why the unused-bit
 * count is computed rather than fixed.
 */
export function namedBits(bits: number[]): Buffer {
  if (bits.length === 0) return bitString(Buffer.alloc(0));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)]! |= 0x80 >> bit % 8;
  return bitString(bytes, 7 - (highest % 8));
}

/**
 * X.509 Time: UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
 */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2024-01-02T03:04:05.678Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, ''); // 20240102030405
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii'));
  return tlv(0x18, Buffer.from(`${digits}Z`, 'ascii'));
}

/** `[n] EXPLICIT`: a constructed context-specific tag around a complete TLV. */
export function explicit(tagNumber: number, content: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, content);
}

/** `[n] IMPLICIT` for a primitive type: the raw value bytes under a context tag. */
export function implicitPrimitive(tagNumber: number, value: Buffer): Buffer {
  return tlv(0x80 | tagNumber, value);
}
