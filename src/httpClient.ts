/**
 * Entry point of dist/http.js, loaded by src/lazy.ts on the first API request: the client and its
 * HTTP layer over Node's http/https (core/api/nodeHttp.ts). Nothing here runs at activation.
 */
export { VuedClient } from './core/api/client';
export { loadNodeHttp } from './core/api/nodeHttp';
