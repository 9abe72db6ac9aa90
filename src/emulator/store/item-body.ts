// Outlook item bodies as Exchange keeps them: an HTML body is always a whole document
// (`<html><head>…</head><body>…</body></html>`), whatever fragment the client sent, and Exchange converts
// between HTML and text when a client asks with `Prefer: outlook.body-content-type`. Clients that parse
// the body (python-o365's reply() looks for <body>) depend on the document form.

interface ItemBody {
  contentType?: string;
  content?: string;
}

const HEAD = '<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n';
const TAIL = '\r\n</body>\r\n</html>\r\n';

/** A fragment wrapped as Exchange stores it; a whole document is left as it is. */
export function htmlDocument(content: string): string {
  return /^\s*(<!doctype[^>]*>\s*)?<html[\s>]/i.test(content) ? content : `${HEAD}${content}${TAIL}`;
}

/** What is inside `<body>` of a document (a fragment is its own inside), for quoting in a reply. */
export function bodyInner(html: string): string {
  const m = /<body[^>]*>([\s\S]*?)<\/body>/i.exec(html);
  return m ? m[1]!.replace(/^\r?\n|\r?\n$/g, '') : html;
}

/** The body as a stored item keeps it: HTML bodies as whole documents. */
export function storedBody(body: unknown): unknown {
  if (!isBody(body) || body.contentType !== 'html' || typeof body.content !== 'string') return body;
  return { ...body, content: htmlDocument(body.content) };
}

/** The body converted to what `Prefer: outlook.body-content-type` asked for (`text` or `html`). */
export function bodyAs(body: unknown, wanted: 'text' | 'html'): unknown {
  if (!isBody(body) || body.contentType === wanted) return body;
  const content = String(body.content ?? '');
  return { ...body, contentType: wanted, content: wanted === 'text' ? textOf(content) : htmlDocument(escapeHtml(content).replace(/\r?\n/g, '<br>\r\n')) };
}

/** Visible text of an HTML body: no head, scripts or tags, entities decoded, line breaks kept. */
export function textOf(html: string): string {
  return html
    .replace(/<(head|style|script)[\s>][\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]*\r?\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isBody(value: unknown): value is ItemBody {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
