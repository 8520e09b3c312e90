// Bundles src/extension.ts (and node-fetch, which is ESM-only) into one CommonJS file in dist/.
//   node esbuild.mjs               development build with a source map
//   node esbuild.mjs --production  minified, no source map (what the VSIX ships)
//   node esbuild.mjs --watch       rebuild on change (used by the F5 launch task)
//   add --metafile <file> to write esbuild's metafile (what the bundle is made of)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
// --test-api: keep the test-mode API (test/support/testApi.ts) in a production build, for the
// bench's extension-host rows, which drive the minified bundle through it. Never what ships.
const testApi = !production || process.argv.includes('--test-api');
// --outfile <file>: write the bundle somewhere other than dist/extension.js.
const outfileArg = process.argv.indexOf('--outfile');
const outfile = outfileArg > 0 ? process.argv[outfileArg + 1] : 'dist/extension.js';
const watch = process.argv.includes('--watch');
// --metafile <file>: also write esbuild's metafile (inputs and their bytes in the output), for
// scripts/bench.mjs to list what the bundle is made of.
const metafileArg = process.argv.indexOf('--metafile');
const metafileOut = metafileArg > 0 ? process.argv[metafileArg + 1] : undefined;

/**
 * node-fetch 3 uses fetch-blob, whose streams.cjs does
 *   if (!globalThis.ReadableStream) {
 *     try { Object.assign(globalThis, require('node:stream/web')) }
 *     catch { Object.assign(globalThis, require('web-streams-polyfill/dist/ponyfill.es2018.js')) }
 *   }
 * The polyfill is only reached on Node < 16.5 (no global ReadableStream and no node:stream/web).
 * Every extension host this extension runs in has a global ReadableStream (engines.vscode ^1.90
 * means Node 20 or later), so that branch never runs, but esbuild still bundles the static
 * require: about 60 KB of a 160 KB minified bundle. Resolve it to an empty module instead.
 * Nothing else imports web-streams-polyfill.
 */
const dropWebStreamsPolyfill = {
  name: 'drop-web-streams-polyfill',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, (args) => ({ path: args.path, namespace: 'empty-fallback' }));
    build.onLoad({ filter: /.*/, namespace: 'empty-fallback' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * Every `import * as vscode from 'vscode'` (two dozen modules) is compiled to its own
 * `__toESM(require('vscode'))`, which copies each of the API object's hundreds of properties onto
 * a fresh object as a getter: most of the time VS Code counts as "load code" for this extension
 * (Running Extensions, code-server 4.139, unpacked VSIX, 4 starts each: median 19 ms with the
 * copies, 9 ms with one; a bare extension measures 1 ms). Route them all through one ES module
 * that re-exports the external 'vscode', so the copy is made once and shared.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** In --watch mode, the lines the F5 task waits for (.vscode/tasks.json), and errors as file:line. */
const watchProblems = {
  name: 'watch-problems',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const ctx = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile,
  // The test-mode API is compiled out of production bundles (see src/extension.ts).
  define: { VUED_TEST_API: testApi ? 'true' : 'false' },
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
  plugins: [dropWebStreamsPolyfill, oneVscodeNamespace, ...(watch ? [watchProblems] : [])],
});

if (watch) {
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  const result = await ctx.rebuild();
  if (metafileOut) {
    fs.mkdirSync(path.dirname(metafileOut), { recursive: true });
    fs.writeFileSync(metafileOut, JSON.stringify(result.metafile));
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0);
  console.log(`esbuild: ${outfile} ${(bytes / 1024).toFixed(1)} KB${production ? ' (production)' : ''}${production && testApi ? ' with the test API' : ''}`);
  await ctx.dispose();
}
