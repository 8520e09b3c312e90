/**
 * Checks the `vued.apiBaseUrl` setting before any token is sent to it. https is required, except
 * for a server on this machine (127.0.0.1, localhost, ::1), which is how local test servers run.
 */

export type BaseUrlCheck = { ok: true; url: string; origin: string } | { ok: false; reason: string };

const SETTING = 'vued.apiBaseUrl';
/** The API the extension talks to unless `vued.apiBaseUrl` says otherwise (package.json holds the same default). */
export const DEFAULT_API_BASE_URL = 'https://vued-office-api-dev.onrender.com/v1';
const EXAMPLE = DEFAULT_API_BASE_URL;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** The address as shown in a reason: scheme, host, port and path only (no user info or query). */
function shown(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

export function checkBaseUrl(raw: string): BaseUrlCheck {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    return { ok: false, reason: `${SETTING} is empty. Set it to the Vued API address, for example ${EXAMPLE}.` };
  }
  if (/\s/.test(text)) {
    return { ok: false, reason: `${SETTING} must not contain spaces or line breaks.` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (!scheme) {
    return { ok: false, reason: `${SETTING} is not a full URL; use an address such as ${EXAMPLE}.` };
  }
  const protocol = scheme[1].toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') {
    return { ok: false, reason: `${SETTING} must use https:// (got ${protocol}:).` };
  }
  if (!/^https?:\/\//i.test(text)) {
    return { ok: false, reason: `${SETTING} is not a full URL; use an address such as ${EXAMPLE}.` };
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, reason: `${SETTING} is not a valid URL; use an address such as ${EXAMPLE}.` };
  }
  if (u.hostname === '') {
    return { ok: false, reason: `${SETTING} has no host name; use an address such as ${EXAMPLE}.` };
  }
  if (u.username !== '' || u.password !== '' || /^https?:\/\/[^/?#]*@/i.test(text)) {
    return {
      ok: false,
      reason: `${SETTING} must not contain a user name or password; set the access token with the Set Access Token command instead.`,
    };
  }
  if (text.includes('?')) {
    return { ok: false, reason: `${SETTING} must not contain a query string (?…): ${shown(u)}` };
  }
  if (text.includes('#')) {
    return { ok: false, reason: `${SETTING} must not contain a fragment (#…): ${shown(u)}` };
  }
  if (protocol === 'http' && !isLoopbackHost(u.hostname)) {
    return {
      ok: false,
      reason: `${SETTING} must use https:// (http:// is allowed only for 127.0.0.1, localhost or ::1): ${shown(u)}`,
    };
  }
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.origin}${path}`, origin: u.origin };
}
