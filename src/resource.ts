// python-o365's resources: who or what a call is about, written as a short string. `me`, `user:x@y.com`
// (or just `x@y.com`), `users/x`, `group:<id>`, `groups/<id>`, `site:<id>`, `sites/<id>`. A site id may
// be Graph's composite id (`host,siteId,webId`) or a host with a server-relative path
// (`contoso.sharepoint.com:/sites/team`), which becomes colon addressing.
import { colonPath, encodePathPart, keySegment } from './url.js';

const FORMS = "'me', 'user:<id or userPrincipalName>', '<userPrincipalName>', 'group:<id>' or 'site:<id or host:/path>'";

/** Thrown for a resource string that names nothing Graph can address. */
export class ResourceError extends TypeError {
  override name = 'ResourceError';
}

/** The path segments of a resource: `user:a@b.com` → `['users', 'a@b.com']`. */
export function resourceSegments(resource: string): string[] {
  const text = resource.trim();
  if (text === 'me' || text === '/me') return ['me'];
  // `user:x`, `site:host:/path`: the prefix ends at the first colon; `users/x`: at the first slash. A bare
  // address is a user, as python-o365 reads it (a shared mailbox, a delegate's mailbox).
  const match = /^\/?(user|group|site)s?[:/](.*)$/.exec(text);
  const kind = match ? match[1] : /^[^\s/:@]+@[^\s/:@]+$/.test(text) ? 'user' : '';
  const id = (match ? match[2]! : text).trim();
  // A site is a composite id (`host,siteId,webId`, `root`) or a host and a server-relative path: colon addressing.
  const [, host, path] = kind === 'site' ? /^([^:]*):(.*?):?$/.exec(id) ?? [] : [];
  if (!kind || !id || host === '' || path === '') throw new ResourceError(`${JSON.stringify(resource)} is not a resource. Use ${FORMS}.`);
  return [`${kind}s`, path === undefined ? keySegment(id) : colonPath(encodePathPart(host!), path)];
}
