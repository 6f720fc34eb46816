/* global console */
// Bundles the embeddable chat widget (src/widget, TypeScript, no framework) into dist/public/widget.js.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const outfile = 'dist/public/widget.js';
await build({
  entryPoints: ['src/widget/index.ts'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile,
  legalComments: 'none',
  logLevel: 'warning',
});
const code = readFileSync(outfile);
console.log(`${outfile}: ${code.length} bytes, ${gzipSync(code).length} bytes gzipped`);
