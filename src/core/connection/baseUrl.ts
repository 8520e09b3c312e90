/**
 * Checks the `vued.apiBaseUrl` setting before any token is sent to it. https is required, except
 * for a server on this machine (127.0.0.1, localhost, ::1), which is how local test servers run.
 */

import { english, type Message, msg } from '../common/messages';

/** `reason` is the English sentence, `text` the same as a message to show in the display language. */
/** An API host the extension talks to: its base URL, its origin (what a token is bound to) and its host name. */
export interface Api {
  baseUrl: string;
  origin: string;
  host: string;
}

export type BaseUrlCheck = { ok: true; url: string; origin: string } | { ok: false; reason: string; text: Message };

function refused(text: Message): BaseUrlCheck {
  return { ok: false, reason: english(text), text };
}

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
    return refused(msg('baseUrl.empty', SETTING, EXAMPLE));
  }
  if (/\s/.test(text)) {
    return refused(msg('baseUrl.spaces', SETTING));
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (!scheme) {
    return refused(msg('baseUrl.notFull', SETTING, EXAMPLE));
  }
  const protocol = scheme[1].toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') {
    return refused(msg('baseUrl.scheme', SETTING, protocol));
  }
  if (!/^https?:\/\//i.test(text)) {
    return refused(msg('baseUrl.notFull', SETTING, EXAMPLE));
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return refused(msg('baseUrl.invalid', SETTING, EXAMPLE));
  }
  if (u.hostname === '') {
    return refused(msg('baseUrl.noHost', SETTING, EXAMPLE));
  }
  if (u.username !== '' || u.password !== '' || /^https?:\/\/[^/?#]*@/i.test(text)) {
    return refused(msg('baseUrl.userInfo', SETTING));
  }
  if (text.includes('?')) {
    return refused(msg('baseUrl.query', SETTING, shown(u)));
  }
  if (text.includes('#')) {
    return refused(msg('baseUrl.fragment', SETTING, shown(u)));
  }
  if (protocol === 'http' && !isLoopbackHost(u.hostname)) {
    return refused(msg('baseUrl.http', SETTING, shown(u)));
  }
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.origin}${path}`, origin: u.origin };
}

/**
 * Checks the address of a web page the extension opens for the user (vued.getTokenUrl, named by
 * `setting`): a full http(s) URL without user info, https unless the page is on this machine. A
 * query or fragment is fine here (nothing is sent with it).
 */
export function checkPageUrl(raw: string, setting: string, example: string): { ok: true; url: string } | { ok: false; reason: string; text: Message } {
  const text = typeof raw === 'string' ? raw.trim() : '';
  let u: URL | undefined;
  try {
    u = /^https?:\/\/[^\s]+$/i.test(text) ? new URL(text) : undefined;
  } catch {
    u = undefined;
  }
  if (!u || u.hostname === '' || u.username !== '' || u.password !== '') {
    const why = msg('pageUrl.invalid', setting, example);
    return { ok: false, reason: english(why), text: why };
  }
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    const why = msg('baseUrl.http', setting, shown(u));
    return { ok: false, reason: english(why), text: why };
  }
  return { ok: true, url: u.toString() };
}
