// Profile photos as Exchange serves them: `photo` is the largest size, `photos` lists the standard square
// sizes up to it (`48X48` … `648X648`), each readable at `photos/{size}/$value`. The emulator does not
// resize: every size serves the bytes that were uploaded, with the size's own height and width.
import type { NavigationDef } from '../../schema.js';
import { GraphError, methodNotAllowed } from '../errors.js';
import { computedCollection, type Collection } from './collections.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

const PHOTO_TYPE = 'microsoft.graph.profilePhoto';

/** The sizes Exchange keeps for a photo that is at least that large. */
export const PHOTO_SIZES = [48, 64, 96, 120, 240, 360, 432, 504, 648] as const;

export function isProfilePhoto(store: Store, type: string): boolean {
  return store.index.isA(type, PHOTO_TYPE);
}

/** Width and height from a PNG or JPEG header; undefined for anything else (kept, but its size unknown). */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  // JPEG: walk the segments to the first start-of-frame (SOF0…SOF15 except DHT, JPG and DAC).
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return undefined;
}

/** The content type a photo is served with: what its bytes are, else what the upload said. */
export function photoContentType(bytes: Buffer, declared: string): string {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  return declared;
}

/** After an upload: `height` and `width` from the image, as Graph reports them on `/photo`. */
export function describePhoto(record: EntityRecord, bytes: Buffer): void {
  const size = imageSize(bytes);
  record.props['height'] = size?.height ?? null;
  record.props['width'] = size?.width ?? null;
}

/** `/users/{id}/photos`: one member per standard size up to the photo's own, none without a photo. */
export function photosView(parent: EntityRecord, nav: NavigationDef): Collection {
  const members = (): EntityRecord[] => {
    const photo = parent.single.get('photo');
    if (!photo?.media) return [];
    const side = Math.min(Number(photo.props['width'] ?? 0), Number(photo.props['height'] ?? 0)) || 648; // a photo of unknown size offers every size
    return PHOTO_SIZES.filter((s) => s <= side).map((s) => sized(photo, s));
  };
  return computedCollection({
    elementType: nav.type, contained: true, anchor: parent,
    list: members,
    find: (key) => members().find((m) => String(m.props['id']).toLowerCase() === key.toLowerCase()),
    insert: () => {
      throw methodNotAllowed('POST', "'photos' (each size is derived from the photo: PUT photo/$value)");
    },
  });
}

/** What Exchange answers for a user without a photo (clients match on the code). */
export function imageNotFound(): GraphError {
  return new GraphError(404, 'ImageNotFound', "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.");
}

function sized(photo: EntityRecord, side: number): EntityRecord {
  return {
    ...photo, props: { id: `${side}X${side}`, height: side, width: side },
    contained: new Map(), single: new Map(), refs: new Map(), streams: new Map(), sets: new Set(), meta: {},
  };
}
