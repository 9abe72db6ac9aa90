// Graph takes a file attachment inline (a POST to `attachments`, a message created with its attachments,
// sendMail, reply, forward) only below 3 MB: the whole request must stay under Graph's 4 MB limit, and
// base64 makes 3 MB of file about 4 MB of JSON. Larger files need an attachment upload session. Checked
// on the validated payload, before anything is written.
import { GraphError } from '../errors.js';
import type { SchemaIndex } from '../model/schema-index.js';
import type { ValidatedEntity } from '../model/validate.js';

/** The largest file Graph takes inline (3 MiB of decoded content). */
export const MAX_INLINE_ATTACHMENT = 3 * 1024 * 1024;

export function checkInlineAttachments(index: SchemaIndex, entity: ValidatedEntity): void {
  const stack = [entity];
  for (let seen = 0; stack.length > 0 && seen < 10_000; seen++) {
    const v = stack.pop()!;
    const bytes = v.props['contentBytes'];
    if (typeof bytes === 'string' && index.isA(v.type, 'microsoft.graph.attachment')) {
      const size = Buffer.byteLength(bytes, 'base64');
      if (size > MAX_INLINE_ATTACHMENT) {
        throw new GraphError(413, 'ErrorRequestEntityTooLarge',
          `The attachment '${String(v.props['name'] ?? '')}' has ${size} bytes; attachments of more than ${MAX_INLINE_ATTACHMENT} bytes ` +
          'must be added with an upload session (attachments/createUploadSession).');
      }
    }
    for (const { items } of v.nested) stack.push(...items);
  }
}
