// Splits a Graph resource path into segments before anything is decoded, so that a key containing an
// encoded `/` (`%2F`) or a function argument containing `/` stays one segment. Recognises the colon
// syntax Graph uses for drive paths and site paths: `root:/Folder/file.txt:/content`.
import { badRequest } from '../errors.js';

export interface PathSegment {
  /** The decoded identifier or key: `users`, `adele@contoso.com`, `microsoft.graph.user`. */
  name: string;
  /** Decoded text inside a trailing `( … )`, when present: `'key'`, `period='D7'`, `` for `delta()`. */
  args?: string;
  /** For `root:/a/b:` the decoded names between the colons. */
  colonPath?: string[];
}

export function parsePath(rawPath: string): PathSegment[] {
  const raw = splitRaw(rawPath.replace(/^\/+/, '').replace(/\/+$/, ''));
  const segments: PathSegment[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i]!;
    if (part === '') continue;
    if (part.endsWith(':') && !part.endsWith('):') && part.length > 1) {
      // Colon syntax: everything up to the segment that ends with ':' (or the end) is a path.
      const names: string[] = [];
      let j = i + 1;
      for (; j < raw.length; j++) {
        const p = raw[j]!;
        if (p.endsWith(':')) {
          names.push(decode(p.slice(0, -1)));
          break;
        }
        names.push(decode(p));
      }
      segments.push({ ...segment(part.slice(0, -1)), colonPath: names.filter((n) => n !== '') });
      i = j;
      continue;
    }
    segments.push(segment(part));
  }
  return segments;
}

function segment(raw: string): PathSegment {
  const open = raw.indexOf('(');
  if (open > 0 && raw.endsWith(')')) {
    return { name: decode(raw.slice(0, open)), args: decode(raw.slice(open + 1, -1)) };
  }
  return { name: decode(raw) };
}

/** Splits at `/` outside parentheses and quotes, on the still-encoded path. */
function splitRaw(path: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (depth > 0 && (c === "'" || path.startsWith('%27', i))) inQuote = !inQuote;
    if (!inQuote && c === '(') depth++;
    if (!inQuote && c === ')') depth = Math.max(0, depth - 1);
    if (c === '/' && depth === 0 && !inQuote) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badRequest(`The request URI contains an invalid percent-encoding: '${text}'.`);
  }
}
