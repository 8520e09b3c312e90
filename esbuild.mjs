// Bundles the extension into two CommonJS files, dist/extension.js (the entry) and dist/features.js
// (no runtime dependency: HTTP is Node's own http/https, which stay requires of Node's built-in modules).
//   node esbuild.mjs               development build with source maps
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
// --outdir <dir>: write the bundles somewhere other than dist/.
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'dist';
const watch = process.argv.includes('--watch');
// --metafile <file>: also write esbuild's metafile (inputs and their bytes in the output), for
// scripts/bench.mjs to list what the bundle is made of.
const metafileArg = process.argv.indexOf('--metafile');
const metafileOut = metafileArg > 0 ? process.argv[metafileArg + 1] : undefined;

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

const options = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir,
  // The test-mode API is compiled out of production bundles (see src/extension.ts).
  define: { VUED_TEST_API: testApi ? 'true' : 'false' },
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
};
// A build writes dist/ afresh: no file of an earlier layout is left to be packed.
if (!watch) fs.rmSync(outdir, { recursive: true, force: true });
const context = await esbuild.context({
  ...options,
  // Two files: the entry VS Code loads in every window with a `.env` (registrations only), and the
  // features it loads the first time the extension is needed (see src/extension.ts). They share no
  // code at run time: each is bundled whole.
  entryPoints: { extension: 'src/extension.ts', features: 'src/features.ts' },
  plugins: [oneVscodeNamespace, ...(watch ? [watchProblems] : [])],
});

if (watch) {
  await context.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  const { metafile } = await context.rebuild();
  if (metafileOut) {
    fs.mkdirSync(path.dirname(metafileOut), { recursive: true });
    fs.writeFileSync(metafileOut, JSON.stringify(metafile));
  }
  const js = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const sizes = js.map(([file, o]) => `${path.basename(file)} ${(o.bytes / 1024).toFixed(1)} KB`).join(', ');
  console.log(`esbuild: ${outdir}/ ${sizes}${production ? ' (production)' : ''}${production && testApi ? ' with the test API' : ''}`);
  await context.dispose();
}
