// Connection resets for fault injection, done on the real socket so that clients meet what a dropped
// connection really looks like: a body that stops short of its Content-Length, or a request whose body
// could not be sent. See `resets` in faults.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Destroys the connection as soon as the request body starts to arrive (or ends, when there is none). */
export function resetWhileReading(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const cut = (): void => {
      if (done) return;
      done = true;
      req.socket.destroy();
      resolve();
    };
    req.once('data', cut);
    req.once('end', cut);
    req.once('error', cut);
    req.once('close', cut);
  });
}

/**
 * Sends the status, the headers (with the full Content-Length) and `afterBytes` of the body, then destroys
 * the connection. A response without a body is cut before its status line: the client learns nothing.
 */
export function writeThenReset(
  res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | undefined, afterBytes: number | undefined,
): void {
  if (!body || body.length === 0) {
    res.destroy();
    return;
  }
  const cut = Math.min(body.length - 1, Math.max(0, Math.floor(afterBytes ?? body.length / 2)));
  res.writeHead(status, headers);
  res.flushHeaders();
  // The callback runs once the partial body is handed to the socket, so it leaves before the reset.
  res.write(body.subarray(0, cut), () => res.destroy());
}
