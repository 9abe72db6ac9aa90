// What fetch accepts as headers and as a body, named from `RequestInit` instead of the DOM lib's global
// `HeadersInit` and `BodyInit`: Node's types (@types/node) declare `RequestInit` but not those two, so a
// shipped .d.ts that names them fails to compile in a program without the DOM lib (`lib: ["ES2022"]`).
// With the DOM lib these resolve to the DOM's own types, so nothing changes for browser-minded programs.

/** What `fetch` takes as `headers`: a plain object, pairs, or a `Headers`. */
export type HeadersInit = NonNullable<RequestInit['headers']>;

/** What `fetch` takes as `body`: text, bytes, a Blob, FormData, URLSearchParams or a stream. */
export type BodyInit = NonNullable<RequestInit['body']>;
