/**
 * Fixtures for the auth tests: the Graph emulator with its identity service over TLS, the Protocol that
 * points an Account at it, and the person in front of the browser (plain HTTPS to the authorize
 * endpoint, then the redirect to the loopback listener) or the device-code page.
 */
import http from 'node:http';
import https from 'node:https';
import { DEFAULT_APPS, startEmulator, type Emulator, type IdentityConfig } from '../../src/emulator/index.js';
import { Protocol } from '../../src/protocol.js';

export const PUBLIC_APP = DEFAULT_APPS.find((app) => app.publicClient)!;
export const DAEMON_APP = DEFAULT_APPS.find((app) => app.secret)!;
export const DAEMON_SECRET = DAEMON_APP.secret!;

export const USERS = { adele: 'adelev@contoso.com', alex: 'alexw@contoso.com', megan: 'meganb@contoso.com', nestor: 'nestorw@contoso.com' } as const;

export function startAuthEmulator(identity: IdentityConfig = {}): Promise<Emulator> {
  return startEmulator({ identity: { deviceCodeIntervalSeconds: 1, ...identity }, versions: ['v1.0'] });
}

/** The emulator as a cloud: Graph and the identity service share its origin; scopes still name Graph. */
export function emulatorProtocol(emulator: Emulator): Protocol {
  return new Protocol({ baseUrl: emulator.origin, loginUrl: emulator.origin });
}

/** A clock the test moves by hand (the identity service's `now`). */
export function manualClock(start = Date.now()) {
  let current = start;
  return { now: () => current, advanceSeconds: (seconds: number) => void (current += seconds * 1000) };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** GET or POST over HTTPS trusting only the emulator's CA, or plain HTTP (the loopback listener). */
export function request(url: string, options: { ca?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const target = new URL(url);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const transport = target.protocol === 'https:' ? https : http;
  // The listener binds 127.0.0.1; `localhost` may resolve to ::1 first here (a browser tries both).
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  return new Promise((resolve, reject) => {
    const req = transport.request(target, {
      method: body === undefined ? 'GET' : 'POST',
      agent: false,
      ...(options.ca ? { ca: options.ca } : {}),
      headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Plays the browser: opens the sign-in URL at the emulator and returns where it was redirected. */
export async function signInAtBrowser(emulator: Emulator, authorizeUrl: string): Promise<string> {
  const answer = await request(authorizeUrl, { ca: emulator.caCertPem! });
  if (answer.status !== 302 || typeof answer.headers.location !== 'string') {
    throw new Error(`The authorize endpoint answered ${answer.status}: ${answer.text}`);
  }
  return answer.headers.location;
}

/** …and follows that redirect to the app's loopback listener. */
export async function browseToLoopback(emulator: Emulator, authorizeUrl: string): Promise<Answer> {
  return request(await signInAtBrowser(emulator, authorizeUrl));
}

/** Plays the person on the device-code page: approves the code as `user`. */
export async function approveDeviceCode(emulator: Emulator, prompt: { userCode: string; verificationUri: string }, user: string, action = 'approve'): Promise<number> {
  const answer = await request(prompt.verificationUri, { ca: emulator.caCertPem!, form: { user_code: prompt.userCode, action, login_hint: user } });
  return answer.status;
}

/** Adds login_hint to an authorize URL, as a person choosing an account would. */
export function withLoginHint(authorizeUrl: string, user: string): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set('login_hint', user);
  return url.toString();
}

/** Every string of an error a person or a log could see. */
export async function everythingPrinted(error: unknown): Promise<string> {
  const { inspect } = await import('node:util');
  const e = error as Error;
  return [String(e), e.message, e.stack ?? '', inspect(e, { depth: 10 }), JSON.stringify(e), inspect((e as { cause?: unknown }).cause, { depth: 10 })].join('\n');
}

/** The rejection of a promise that must fail (assert.rejects cannot take async checks). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected a rejection, but the promise resolved.');
}
