// python-o365's resources: who or what a call is about, written as a short string. `me`, `user:x@y.com`
// (or just `x@y.com`), `users/x`, `group:<id>`, `groups/<id>`, `site:<id>`, `sites/<id>`. A site id may
// be Graph's composite id (`host,siteId,webId`) or a host with a server-relative path
// (`contoso.sharepoint.com:/sites/team`), which becomes colon addressing.
import { colonPath, encodePathPart, keySegment } from './url.js';

const FORMS = "'me', 'user:<id or userPrincipalName>', '<userPrincipalName>', 'group:<id>' or 'site:<id>' (or 'users/<id>', …)";

/** Thrown for a resource string that names nothing Graph can address. */
export class ResourceError extends TypeError {
  override name = 'ResourceError';
}

/** The path segments of a resource: `user:a@b.com` → `['users', 'a@b.com']`. */
export function resourceSegments(resource: string): string[] {
  const text = resource.trim();
  if (text === 'me' || text === '/me') return ['me'];
  // `user:x`, `site:host:/path`: the prefix ends at the first colon; `users/x`: at the first slash.
  const match = /^\/?(user|group|site)s?(?::|\/)(.*)$/.exec(text);
  if (match) {
    const root = `${match[1]}s`;
    const id = match[2]!.trim();
    if (id.length === 0) throw new ResourceError(`The resource ${JSON.stringify(resource)} has no id after its prefix. Use ${FORMS}.`);
    return [root, root === 'sites' ? siteKey(id) : keySegment(id)];
  }
  // A bare address: python-o365 reads it as a user (a shared mailbox, a delegate's mailbox).
  if (/^[^\s/:@]+@[^\s/:@]+$/.test(text)) return ['users', keySegment(text)];
  throw new ResourceError(`${JSON.stringify(resource)} is not a resource. Use ${FORMS}.`);
}

/** `host:/sites/team` → colon addressing; composite ids and `root` are plain keys. */
function siteKey(id: string): string {
  const colon = id.indexOf(':');
  if (colon < 0) return keySegment(id);
  const host = id.slice(0, colon);
  const path = id.slice(colon + 1).replace(/:$/, '');
  if (host.length === 0 || path.length === 0) throw new ResourceError(`The site ${JSON.stringify(id)} needs a host and a path, like 'contoso.sharepoint.com:/sites/team'.`);
  return colonPath(encodePathPart(host), path);
}
