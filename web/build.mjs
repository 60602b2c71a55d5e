#!/usr/bin/env node
// build.mjs: bundles the console from src/ into dist/, which web/console.go
// embeds into the adstitch binary. `npm run build` type-checks with
// `tsc --noEmit` first; this script only bundles:
//
//   - src/main.ts -> app-HASH.js (ES module; hls.js is split into its own
//     chunk, fetched the first time a preview plays)
//   - src/style.css -> style-HASH.css
//   - src/index.html -> index.html, pointing at the hashed files
//
// Everything in dist/ but README.md is replaced, so stale chunks are never
// embedded. `--dev` keeps the output readable (no minification).
import * as esbuild from 'esbuild';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const dist = path.join(here, 'dist');
const dev = process.argv.includes('--dev');

async function cleanDist() {
  for (const name of await readdir(dist)) {
    if (name !== 'README.md') await rm(path.join(dist, name), { recursive: true, force: true });
  }
}

// outputFor finds the bundle esbuild wrote for one entry point.
function outputFor(meta, entry) {
  for (const [file, out] of Object.entries(meta.outputs)) {
    if (out.entryPoint === entry) return path.basename(file);
  }
  throw new Error(`no output for ${entry}`);
}

async function main() {
  await cleanDist();
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { app: 'src/main.ts', style: 'src/style.css' },
    outdir: dist,
    bundle: true,
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    minify: !dev,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const html = (await readFile(path.join(src, 'index.html'), 'utf8'))
    .replace('%APP_JS%', outputFor(result.metafile, 'src/main.ts'))
    .replace('%STYLE_CSS%', outputFor(result.metafile, 'src/style.css'));
  await writeFile(path.join(dist, 'index.html'), html);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  process.stdout.write(`console built into ${path.relative(process.cwd(), dist) || '.'} (${(bytes / 1024).toFixed(0)} KiB)\n`);
}

main().catch((err) => {
  process.stderr.write(`build.mjs: ${err.stack || err.message}\n`);
  process.exitCode = 1;
});
