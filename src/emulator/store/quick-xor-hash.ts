// Microsoft's QuickXorHash, the content hash OneDrive for Business reports in `file.hashes.quickXorHash`
// (OneDrive's "QuickXorHash" documentation): bytes are XORed into a circular 160-bit register, each byte
// 11 bits further than the previous one, and the content length is XORed into its last 8 bytes. Clients
// compare it with their own after a download or an upload, so it must be the real one, not a stand-in.

const WIDTH_BITS = 160;
const WIDTH_BYTES = WIDTH_BITS / 8;
const SHIFT = 11;

/** Base64 of the 20-byte hash, as Graph returns it. */
export function quickXorHash(bytes: Uint8Array): string {
  // Bytes 160 apart land on the same bit position (160 × 11 ≡ 0 mod 160), so XOR them together first:
  // one pass over the content, then at most 160 placements into the register.
  const columns = new Uint8Array(WIDTH_BITS);
  for (let i = 0; i < bytes.length; i++) columns[i % WIDTH_BITS]! ^= bytes[i]!;
  // The register as 20 little-endian bytes: bit p is bit (p % 8) of byte (p / 8).
  const register = Buffer.alloc(WIDTH_BYTES);
  for (let i = 0; i < Math.min(bytes.length, WIDTH_BITS); i++) {
    const bit = (i * SHIFT) % WIDTH_BITS;
    const spread = columns[i]! << (bit % 8); // up to 15 bits, across two register bytes
    const at = bit >> 3;
    register[at]! ^= spread & 0xff;
    register[(at + 1) % WIDTH_BYTES]! ^= spread >> 8;
  }
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  for (let i = 0; i < 8; i++) register[WIDTH_BYTES - 8 + i]! ^= length[i]!;
  return register.toString('base64');
}
