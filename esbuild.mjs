// Bundles src/extension.ts (and node-fetch, which is ESM-only) into one CommonJS file in dist/.
//   node esbuild.mjs               development build with a source map
//   node esbuild.mjs --production  minified, no source map (what the VSIX ships)
//   node esbuild.mjs --watch       rebuild on change (used by the F5 launch task)
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const ctx = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
});

if (watch) {
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  const result = await ctx.rebuild();
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0);
  console.log(`esbuild: dist/extension.js ${(bytes / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
  await ctx.dispose();
}
