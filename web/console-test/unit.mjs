#!/usr/bin/env node
// unit.mjs: the console's unit tests. Each unit/*.test.mjs imports the
// console's TypeScript from src/; esbuild bundles it for node, and node's
// test runner runs it. `npm run test:unit --prefix web`.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const dir = path.join(here, 'unit');
  const tests = (await readdir(dir)).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(dir, f));
  const out = await mkdtemp(path.join(os.tmpdir(), 'adstitch-console-unit-'));
  try {
    await esbuild.build({
      entryPoints: tests,
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    const built = tests.map((t) => path.join(out, path.basename(t).replace(/\.mjs$/, '.js')));
    const run = spawnSync(process.execPath, ['--test', ...built], { stdio: 'inherit' });
    return run.status ?? 1;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`unit.mjs: ${err.stack || err.message}\n`);
    process.exitCode = 1;
  },
);
