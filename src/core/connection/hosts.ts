/**
 * The API hosts a user works with: `vued.apiBaseUrl` (the default host) plus the entries of
 * `vued.hosts`, a list of `{ "label": "Staging", "apiBaseUrl": "https://…" }`. Every address passes
 * the same rules as `vued.apiBaseUrl` (checkBaseUrl: https, or http on loopback only). Bad entries
 * and duplicates are reported as sentences and left out; nothing here throws.
 *
 * Tokens are stored per origin, so a host is its origin: two entries with the same origin would
 * share one token and one session, and the second one is reported and left out.
 */
import { hasControlChars } from '../common/text';
import { checkBaseUrl } from './baseUrl';
import { english, type Message, msg, type Render } from '../common/messages';

export const HOSTS_SETTING = 'vued.hosts';

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
  /** One sentence per refused entry or setting, in the language of `render`; empty when everything was accepted. */
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

/** A label's problem as a message, or undefined when it is fine. */
export function hostLabelProblem(label: string): Message | undefined {
  const text = label.trim();
  if (text === '') {
    return msg('hosts.labelEmpty');
  }
  if (hasControlChars(text)) {
    return msg('hosts.labelControl');
  }
  if (text.length > MAX_HOST_LABEL_LENGTH) {
    return msg('hosts.labelTooLong', MAX_HOST_LABEL_LENGTH);
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads `vued.apiBaseUrl` and `vued.hosts` (both as VS Code returns them, so of any type) into the
 * list of hosts. `vued.hosts` may be missing (undefined or null). The problems are written with
 * `render`: English unless given (`localize` where they are shown).
 */
export function parseHosts(apiBaseUrl: unknown, rawHosts: unknown, render: Render = english): ParsedHosts {
  const hosts: ApiHost[] = [];
  const problems: string[] = [];
  const refuse = (text: Message): void => {
    problems.push(render(text));
  };
  const done = (): ParsedHosts => ({ hosts, problems });
  const byOrigin = new Map<string, ApiHost>();
  const labels = new Set<string>();

  const base = checkBaseUrl(typeof apiBaseUrl === 'string' ? apiBaseUrl : '');
  let defaultIndex = -1;
  if (base.ok) {
    const host: ApiHost = { label: hostOfOrigin(base.origin), baseUrl: base.url, origin: base.origin, isDefault: true };
    defaultIndex = hosts.push(host) - 1;
    byOrigin.set(base.origin, host);
  } else {
    refuse(base.text);
  }

  if (rawHosts === undefined || rawHosts === null) {
    return done();
  }
  if (!Array.isArray(rawHosts)) {
    refuse(msg('hosts.notAList', HOSTS_SETTING));
    return done();
  }

  rawHosts.forEach((entry: unknown, i) => {
    const where = `${HOSTS_SETTING}[${i}]`;
    if (!isRecord(entry)) {
      refuse(msg('hosts.notAnObject', where));
      return;
    }
    const label = typeof entry.label === 'string' ? entry.label.trim() : '';
    const named = label === '' ? where : `${where} ("${label.slice(0, MAX_HOST_LABEL_LENGTH)}")`;
    const labelProblem = typeof entry.label === 'string' ? hostLabelProblem(entry.label) : msg('hosts.labelEmpty');
    if (labelProblem) {
      refuse(msg('hosts.badLabel', named, labelProblem));
      return;
    }
    if (typeof entry.apiBaseUrl !== 'string') {
      refuse(msg('hosts.noUrl', named));
      return;
    }
    const url = checkBaseUrl(entry.apiBaseUrl);
    if (!url.ok) {
      // The reasons name the setting they check (their first argument); here it is this entry's apiBaseUrl.
      refuse(msg('hosts.badUrl', { ...url.text, args: [`${named}.apiBaseUrl`, ...url.text.args.slice(1)] }));
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
      refuse(msg('hosts.sameHost', named, sameOrigin.isDefault ? 'vued.apiBaseUrl' : `"${sameOrigin.label}"`, url.origin));
      return;
    }
    if (labels.has(label.toLowerCase())) {
      refuse(msg('hosts.sameLabel', named));
      return;
    }
    const host: ApiHost = { label, baseUrl: url.url, origin: url.origin, isDefault: false };
    hosts.push(host);
    byOrigin.set(url.origin, host);
    labels.add(label.toLowerCase());
  });
  return done();
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
