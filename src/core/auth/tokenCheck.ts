/**
 * Checking an access token where it is entered: one read that needs the token and changes nothing,
 * and what its answer means for the token. The contract publishes only POST /orgs/{id}/api-keys, so
 * the read is GET /orgs, or, where a server does not offer that (404/405/501), the key list of an
 * organization the user named (vued.defaultOrganizationId, or the one last used on that host).
 *
 *   2xx                  → checked (with who the token belongs to, when the answer says it)
 *   401 / 403            → rejected: the box stays open with the reason, nothing is stored
 *   neither read offered → not checkable: stored, and the user is told why it was not checked
 *   anything else        → not checkable (unreachable, a server error, an unreadable answer):
 *                          stored, and the user is told what happened
 *
 * Pure: the reads are passed in (core/api/client.ts's checkWithOrganizations and checkWithKeys).
 */
import type { TokenRead } from '../api/client';
import { ApiError } from '../api/errors';
import { type Message, msg } from '../common/messages';

export type TokenCheck =
  /** A read that needs the token succeeded. `account`: who the token belongs to, when the answer said. */
  | { readonly outcome: 'checked'; readonly via: 'organizations' | 'keys'; readonly account?: string }
  /** The server refused the token (401) or refused it the read (403). */
  | { readonly outcome: 'rejected'; readonly status?: number; readonly reason: Message }
  /** No read could say whether the token works. `reason` is a sentence saying why. */
  | { readonly outcome: 'unchecked'; readonly reason: Message }
  /** The user closed the box while the read was on its way. */
  | { readonly outcome: 'cancelled' };

export interface TokenReads {
  /** GET /orgs; 404/405/501 as an ApiError of kind 'unsupported'. */
  organizations(signal?: AbortSignal): Promise<TokenRead>;
  /** GET /orgs/{orgId}/api-keys; 404/405/501 as an ApiError of kind 'unsupported'. */
  keys(orgId: string, signal?: AbortSignal): Promise<TokenRead>;
}

/**
 * Checks a token with `reads` against the server at `host` (shown in the reasons). `orgId` is the
 * organization whose keys are read where GET /orgs is not offered (none: that read is not tried).
 */
export async function checkToken(reads: TokenReads, host: string, orgId: string | undefined, signal?: AbortSignal): Promise<TokenCheck> {
  try {
    const read = await reads.organizations(signal);
    return { outcome: 'checked', via: 'organizations', account: read.account };
  } catch (e) {
    const early = meaning(e, host);
    if (early) {
      return early;
    }
  }
  if (orgId === undefined || orgId.trim() === '') {
    return { outcome: 'unchecked', reason: msg('token.noReadNoOrg', host) };
  }
  try {
    const read = await reads.keys(orgId, signal);
    return { outcome: 'checked', via: 'keys', account: read.account };
  } catch (e) {
    return meaning(e, host) ?? { outcome: 'unchecked', reason: msg('token.noRead', host, orgId) };
  }
}

/** What a failed read says about the token; undefined when the read is not offered (try the next one). */
function meaning(e: unknown, host: string): TokenCheck | undefined {
  if (!(e instanceof ApiError)) {
    return { outcome: 'unchecked', reason: msg('token.checkFailed', e instanceof Error ? e.message : String(e)) };
  }
  switch (e.kind) {
    case 'unsupported':
      return undefined;
    case 'cancelled':
      return { outcome: 'cancelled' };
    case 'auth':
      // No status: refused before it was sent (a token a header cannot carry); its own sentence says why.
      return e.status === undefined
        ? { outcome: 'rejected', reason: e.text ?? msg('token.rejected', host, 'auth') }
        : { outcome: 'rejected', status: e.status, reason: msg('token.rejected', host, said(e)) };
    case 'forbidden':
      return { outcome: 'rejected', status: e.status, reason: msg('token.forbidden', host, said(e)) };
    default:
      // Unreachable, a server error, an unreadable answer…: the error's own sentence says what happened.
      return { outcome: 'unchecked', reason: e.text ?? msg('token.checkFailed', e.message) };
  }
}

/** "401" or "401: Invalid token" (the server's words, already scrubbed of the token by the client). */
function said(e: ApiError): string {
  const status = String(e.status ?? '');
  return e.serverMessage ? `${status}: ${e.serverMessage}` : status;
}
