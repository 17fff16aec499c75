// Bundles the explorer page (preact, from npm) into dist/web at build time: the service serves these files, no CDN.
const { build } = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const out = join(__dirname, '..', 'dist', 'web');
mkdirSync(out, { recursive: true });
build({
  entryPoints: [join(__dirname, 'src', 'main.tsx')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
})
  .then(() => {
    copyFileSync(join(__dirname, 'index.html'), join(out, 'index.html'));
    copyFileSync(join(__dirname, 'app.css'), join(out, 'app.css'));
  })
  .catch(() => process.exit(1));
