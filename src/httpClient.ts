/**
 * Entry point of dist/http.js, loaded by src/lazy.ts on the first API request: the client and the
 * node-fetch it loads. Nothing here runs at activation.
 */
export { loadNodeFetch, VuedClient } from './core/api/client';
