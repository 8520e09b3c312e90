/**
 * Modules that dist/http.js and dist/flows.js take from the activation bundle instead of carrying
 * their own copy (esbuild.mjs reads the keys below): in those files an import of one of these is
 * `require('./extension.js').shared[<key>]`. The activation bundle holds them whole anyway, so
 * sharing them keeps every shipped byte once. Only modules without state belong here: should VS
 * Code ever load the activation file under another cache entry, each file would still work with a
 * copy of its own.
 */
import * as constants from './constants';
import * as baseUrl from './core/baseUrl';
import * as errors from './core/errors';
import * as messages from './core/messages';
import * as redact from './core/redact';
import * as timestamps from './core/timestamps';
import * as config from './platform/config';
import * as l10n from './platform/l10n';

export const shared = {
  'src/constants.ts': constants,
  'src/core/baseUrl.ts': baseUrl,
  'src/core/errors.ts': errors,
  'src/core/messages.ts': messages,
  'src/core/redact.ts': redact,
  'src/core/timestamps.ts': timestamps,
  'src/platform/config.ts': config,
  'src/platform/l10n.ts': l10n,
};
