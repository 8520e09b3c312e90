/**
 * The client's HTTP layer (FetchLike) on Node's own http and https modules: one request, sent as
 * given, answered as it arrives. What it keeps from the client's rules:
 * - no redirect is followed (http.request never follows one): a 3xx comes back with its Location
 *   header as the server wrote it, for the client to resolve and report;
 * - no Accept-Encoding is added and nothing is decompressed;
 * - a URL with user info is refused, as node-fetch did (http.request would send it as Basic auth);
 * - the caller's signal aborts the request and, once the answer has come, the reading of its body;
 * - the body is the IncomingMessage itself: a connection cut before the body is complete makes the
 *   iteration throw (ECONNRESET "aborted"), never ends it early as if it were whole.
 * Errors are Node's own, with their `code` (ECONNREFUSED, ENOTFOUND, HPE_*, TLS codes…), which is
 * what core/api/errors.ts classifies.
 *
 * The module-level http/https objects are read at each request, not captured at load: VS Code's
 * proxy support hands extensions patched versions of them, and their `request` is what must run.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { FetchLike, FetchLikeResponse } from './client';

/** Response headers by lower-case name; repeated headers joined with ", " as fetch's Headers.get does. */
function headersOf(raw: string[]): FetchLikeResponse['headers'] {
  const byName = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const before = byName.get(name);
    byName.set(name, before === undefined ? raw[i + 1] : `${before}, ${raw[i + 1]}`);
  }
  return { get: (name) => byName.get(name.toLowerCase()) ?? null };
}

export const nodeHttp: FetchLike = (url, init) =>
  new Promise<FetchLikeResponse>((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? https.request : target.protocol === 'http:' ? http.request : undefined;
    if (!send) {
      reject(new TypeError(`${target.protocol} is not an HTTP URL`));
      return;
    }
    // http.request would turn user info into a Basic Authorization header: never send it.
    if (target.username !== '' || target.password !== '') {
      reject(new TypeError('a URL with user info is not sent'));
      return;
    }
    if (init.signal.aborted) {
      reject(abortError());
      return;
    }
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
    else if (init.method === 'POST' || init.method === 'PUT') headers['Content-Length'] = '0';

    // With `signal`, Node destroys the request on abort: before the answer this rejects below
    // (AbortError), after it the IncomingMessage is destroyed and its iteration throws.
    const request = send(url, { method: init.method, headers, signal: init.signal });
    // Kept for the request's whole life, so a late socket error is never an uncaught 'error'.
    request.on('error', reject);
    request.on('response', (response) => {
      // No 'error' listener here: Node emits a body's error only to listeners, so a body the
      // caller drops unread (a redirect's) cannot throw an uncaught error, and a reader still gets
      // the error even when the connection was cut before it began reading.
      resolve({ status: response.statusCode ?? 0, headers: headersOf(response.rawHeaders), body: response });
    });
    request.end(init.body);
  });

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}
