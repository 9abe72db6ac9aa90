// The storage host behind pre-authenticated URLs (`https://localhost:PORT/_storage/…`): file downloads
// that `/content` redirects to, drive upload sessions and Outlook attachment upload sessions. No
// Authorization is needed or wanted here: as on SharePoint's storage, a bearer token sent to a
// pre-authenticated URL is refused with 401, so a client that leaks its Graph token there is caught.
import { handleAttachmentUploadUrl } from './actions/attachment-uploads.js';
import { handleUploadUrl } from './actions/uploads.js';
import { handleMonitor } from './actions/drive-copy.js';
import { GraphError } from './errors.js';
import { binary, type GraphResponse, type RequestContext } from './http/exchange.js';
import type { PipelineRequest } from './http/pipeline.js';
import type { GraphService } from './service.js';

export function handleStorage(
  services: Map<string, GraphService>, request: PipelineRequest, context: (service: GraphService) => RequestContext,
): GraphResponse {
  const match = /^\/_storage\/(download|upload|attachment|monitor)\/([A-Za-z0-9_-]+)$/.exec(request.url.pathname);
  if (!match) throw new GraphError(404, 'itemNotFound', 'No such storage URL.');
  const [, kind, token] = match as unknown as [string, string, string];
  if (request.headers['authorization'] && kind !== 'monitor') {
    throw new GraphError(401, 'unauthenticated', `This ${kind === 'download' ? 'download' : 'upload'} URL is pre-authenticated: do not send an Authorization header to it.`);
  }
  for (const service of services.values()) {
    if (kind === 'download') {
      const grant = service.transfers.downloads.get(token);
      if (!grant) continue;
      if (grant.expires < Date.now() || !grant.record.alive) break;
      if (request.method !== 'GET' && request.method !== 'HEAD') throw new GraphError(405, 'invalidRequest', 'Downloads take GET.');
      const content = grant.property ? grant.record.streams.get(grant.property) : grant.record.media;
      if (!content) break;
      const name = String(grant.record.props['name'] ?? 'download');
      return binary(200, content.bytes, content.contentType, {
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    }
    if (kind === 'monitor') {
      const monitor = service.transfers.monitors.get(token);
      if (monitor) return handleMonitor(context(service), monitor);
      continue;
    }
    if (kind === 'attachment') {
      const attachment = service.transfers.attachmentUploads.get(token);
      if (attachment && attachment.expires.getTime() >= Date.now()) return handleAttachmentUploadUrl(context(service), attachment);
      if (attachment) service.transfers.attachmentUploads.delete(token);
      continue;
    }
    const session = service.transfers.uploads.get(token);
    if (session && session.expires.getTime() >= Date.now()) return handleUploadUrl(context(service), session);
    if (session) service.transfers.uploads.delete(token);
  }
  throw new GraphError(404, 'itemNotFound', 'The storage URL has expired or does not exist.');
}
