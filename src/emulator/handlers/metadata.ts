// `GET /{version}/$metadata`: the CSDL of the served schema. Graph answers it without a token, so it is
// served before authentication. Written once per service on first request (~MBs of XML: no cost at start
// for the many tests that never ask), and kept gzip-compressed as well for clients that accept it.
import { gzipSync } from 'node:zlib';
import { GraphError } from '../errors.js';
import type { GraphResponse } from '../http/exchange.js';
import { writeCsdl } from '../model/csdl.js';
import type { GraphService } from '../service.js';

interface Document {
  xml: Buffer;
  gzip: Buffer;
}

const documents = new WeakMap<GraphService, Document>();

/** `/$metadata` after the version, any casing of the segment as Graph takes. */
export function isMetadataPath(path: string): boolean {
  return /^\/\$metadata\/?$/i.test(path);
}

export function serveMetadata(service: GraphService, method: string, acceptEncoding: string | undefined): GraphResponse {
  if (method !== 'GET' && method !== 'HEAD') throw new GraphError(405, 'BadRequest', `$metadata takes GET, not ${method}.`);
  let doc = documents.get(service);
  if (!doc) {
    const xml = Buffer.from(writeCsdl(service.index.schema), 'utf8');
    doc = { xml, gzip: gzipSync(xml) };
    documents.set(service, doc);
  }
  const headers: Record<string, string> = { 'content-type': 'application/xml;charset=utf-8', vary: 'Accept-Encoding' };
  if (acceptsGzip(acceptEncoding)) return { status: 200, headers: { ...headers, 'content-encoding': 'gzip' }, bytes: doc.gzip };
  return { status: 200, headers, bytes: doc.xml };
}

/** `gzip` listed and not refused with `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';').map((s) => s.trim().toLowerCase());
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}
