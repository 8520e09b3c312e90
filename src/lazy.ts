/**
 * The parts of the extension that activation does not need, loaded on first use. Each is its own
 * file next to the activation bundle (esbuild.mjs: dist/http.js, dist/flows.js) and is parsed only
 * when one of these functions first runs; Node's require cache keeps it from then on. Under tsc the
 * same `require` finds out/src/httpClient.js and out/src/flows.js, so the paths below are relative
 * to this file in both layouts.
 *
 * Only what these modules export crosses the boundary; everything they share with the activation
 * bundle is passed in (the services, the tree). A class compiled into two bundles exists twice,
 * which is why errors are recognised by brand (core/errors.ts), not by `instanceof`.
 */
import type * as Flows from './flows';
import type * as HttpClient from './httpClient';

/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on first use is the point */

/** The API client and its HTTP layer over Node's http/https (dist/http.js). */
export function loadHttpClient(): typeof HttpClient {
  return require('./httpClient') as typeof HttpClient;
}

/** The commands' flows, the `.env` editing and the questions they ask (dist/flows.js). */
export function loadFlows(): typeof Flows {
  return require('./flows') as typeof Flows;
}
