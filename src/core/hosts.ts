/**
 * The API hosts a user works with: `vued.apiBaseUrl` (the default host) plus the entries of
 * `vued.hosts`, a list of `{ "label": "Staging", "apiBaseUrl": "https://…" }`. Every address passes
 * the same rules as `vued.apiBaseUrl` (checkBaseUrl: https, or http on loopback only). Bad entries
 * and duplicates are reported as sentences and left out; nothing here throws.
 *
 * Tokens are stored per origin, so a host is its origin: two entries with the same origin would
 * share one token and one session, and the second one is reported and left out.
 */
import { checkBaseUrl } from './baseUrl';

export const HOSTS_SETTING = 'vued.hosts';

/** C0 and C1 control characters, DEL and the Unicode line/paragraph separators (as in validation.ts). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function hasControlChars(text: string): boolean {
  CONTROL_CHARS.lastIndex = 0;
  return CONTROL_CHARS.test(text);
}
export const MAX_HOST_LABEL_LENGTH = 60;

export interface ApiHost {
  /** What the user calls the host: the entry's label, or the URL's host name for an unnamed default. */
  readonly label: string;
  /** The checked base URL (no trailing slash). */
  readonly baseUrl: string;
  /** scheme://host[:port]: what tokens, sessions and tree ids are keyed by. */
  readonly origin: string;
  /** True for the host of `vued.apiBaseUrl`. */
  readonly isDefault: boolean;
}

export interface ParsedHosts {
  /** The default host first (when `vued.apiBaseUrl` is valid), then the `vued.hosts` entries in order. */
  readonly hosts: readonly ApiHost[];
  /** One sentence per refused entry or setting; empty when everything was accepted. */
  readonly problems: readonly string[];
}

/** The host name (and port) of an origin, as shown to people: `api.vued.ai`, `127.0.0.1:8787`. */
export function hostOfOrigin(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** A label's problem, or undefined when it is fine. */
export function validateHostLabel(label: string): string | undefined {
  const text = label.trim();
  if (text === '') {
    return 'needs a label';
  }
  if (hasControlChars(text)) {
    return 'has a label with control characters';
  }
  if (text.length > MAX_HOST_LABEL_LENGTH) {
    return `has a label longer than ${MAX_HOST_LABEL_LENGTH} characters`;
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads `vued.apiBaseUrl` and `vued.hosts` (both as VS Code returns them, so of any type) into the
 * list of hosts. `vued.hosts` may be missing (undefined or null).
 */
export function parseHosts(apiBaseUrl: unknown, rawHosts: unknown): ParsedHosts {
  const hosts: ApiHost[] = [];
  const problems: string[] = [];
  const byOrigin = new Map<string, ApiHost>();
  const labels = new Set<string>();

  const base = checkBaseUrl(typeof apiBaseUrl === 'string' ? apiBaseUrl : '');
  let defaultIndex = -1;
  if (base.ok) {
    const host: ApiHost = { label: hostOfOrigin(base.origin), baseUrl: base.url, origin: base.origin, isDefault: true };
    defaultIndex = hosts.push(host) - 1;
    byOrigin.set(base.origin, host);
  } else {
    problems.push(base.reason);
  }

  if (rawHosts === undefined || rawHosts === null) {
    return { hosts, problems };
  }
  if (!Array.isArray(rawHosts)) {
    problems.push(`${HOSTS_SETTING} must be a list of { "label": "…", "apiBaseUrl": "https://…" } entries.`);
    return { hosts, problems };
  }

  rawHosts.forEach((entry: unknown, i) => {
    const where = `${HOSTS_SETTING}[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${where} is not an object with "label" and "apiBaseUrl"; it is ignored.`);
      return;
    }
    const label = typeof entry.label === 'string' ? entry.label.trim() : '';
    const named = label === '' ? where : `${where} ("${label.slice(0, MAX_HOST_LABEL_LENGTH)}")`;
    const labelProblem = typeof entry.label === 'string' ? validateHostLabel(entry.label) : 'needs a label';
    if (labelProblem) {
      problems.push(`${named} ${labelProblem}; it is ignored.`);
      return;
    }
    if (typeof entry.apiBaseUrl !== 'string') {
      problems.push(`${named} needs an "apiBaseUrl" such as https://api.example.com/v1; it is ignored.`);
      return;
    }
    const url = checkBaseUrl(entry.apiBaseUrl);
    if (!url.ok) {
      // The reasons name the setting they check; here it is this entry's apiBaseUrl.
      problems.push(`${url.reason.replace(/^vued\.apiBaseUrl\b/, `${named}.apiBaseUrl`)} The entry is ignored.`);
      return;
    }
    const sameOrigin = byOrigin.get(url.origin);
    if (sameOrigin) {
      if (sameOrigin.isDefault && sameOrigin.baseUrl === url.url && sameOrigin.label === hostOfOrigin(url.origin) && !labels.has(label.toLowerCase())) {
        // The default host, given a name.
        const named: ApiHost = { ...sameOrigin, label };
        hosts[defaultIndex] = named;
        byOrigin.set(url.origin, named);
        labels.add(label.toLowerCase());
        return;
      }
      problems.push(
        `${named} uses the same host as ${sameOrigin.isDefault ? 'vued.apiBaseUrl' : `"${sameOrigin.label}"`} (${url.origin}); ` +
          'a host has one token, so the entry is ignored.',
      );
      return;
    }
    if (labels.has(label.toLowerCase())) {
      problems.push(`${named} has the same label as an earlier entry; it is ignored.`);
      return;
    }
    const host: ApiHost = { label, baseUrl: url.url, origin: url.origin, isDefault: false };
    hosts.push(host);
    byOrigin.set(url.origin, host);
    labels.add(label.toLowerCase());
  });
  return { hosts, problems };
}

/**
 * The hosts the sidebar shows as roots: the configured hosts (in their order) that have a session.
 * With one such host (or none) the sidebar shows no host level: `showHostLevel` is false.
 */
export function sidebarHosts(hosts: readonly ApiHost[], signedInOrigins: Iterable<string>): { hosts: ApiHost[]; showHostLevel: boolean } {
  const signedIn = new Set(signedInOrigins);
  const shown = hosts.filter((h) => signedIn.has(h.origin));
  return { hosts: shown, showHostLevel: shown.length > 1 };
}

/** The configured host of an origin (for a session, a tree node or a command's argument). */
export function hostForOrigin(hosts: readonly ApiHost[], origin: string): ApiHost | undefined {
  return hosts.find((h) => h.origin === origin);
}
