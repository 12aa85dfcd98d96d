// Bundles the service into one ESM file for the wheel: jupyterlab_leap/service/leap-hub-service.mjs
// (or into the folder given as the only argument), with the PGlite assets it loads via
// import.meta.url and the demo tutorials copied beside it. The modules that read
// files at run time (migrations, package version, demo catalog) are replaced by their embedded contents.
import { copyFile, cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serviceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(serviceDir, '../jupyterlab_leap/service'));
// Built beside the output and swapped in at the end, so a running service never sees half a bundle.
const buildDir = `${outDir}.building-${process.pid}`;
const BUNDLE = 'leap-hub-service.mjs';
const PGLITE_ASSETS = ['pglite.wasm', 'pglite.data', 'initdb.wasm'];

async function embeddedMigrations() {
  const dir = path.join(serviceDir, 'migrations');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const files = await Promise.all(
    names.map(async (file) => ({ file, sql: await readFile(path.join(dir, file), 'utf8') }))
  );
  return `export async function readMigrationFiles() { return ${JSON.stringify(files)}; }\n`;
}

async function embeddedVersion() {
  const { version } = JSON.parse(await readFile(path.join(serviceDir, 'package.json'), 'utf8'));
  return `export const VERSION = ${JSON.stringify(version)};\n`;
}

// The demo catalog local mode loads (examples/demo-catalog), as the bytes readDemoCatalog returns.
async function embeddedDemoCatalog() {
  const file = path.join(serviceDir, '../examples/demo-catalog/consolidated-web-catalog.json');
  const base64 = (await readFile(file)).toString('base64');
  return `export const DEMO_URL = 'demo:leap-web-catalog';\nexport async function readDemoCatalog() { return Buffer.from(${JSON.stringify(base64)}, 'base64'); }\n`;
}

const embed = {
  name: 'embed-runtime-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]db[\\/]migration-files\.ts$/ }, async () => ({
      contents: await embeddedMigrations(),
      loader: 'js'
    }));
    b.onLoad({ filter: /[\\/]src[\\/]catalog[\\/]demo\.ts$/ }, async () => ({
      contents: await embeddedDemoCatalog(),
      loader: 'js'
    }));
    b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, async () => ({ contents: await embeddedVersion(), loader: 'js' }));
  }
};

async function bundleInto(dir) {
  await mkdir(dir, { recursive: true });
  await build({
    entryPoints: [path.join(serviceDir, 'src/cli.ts')],
    outfile: path.join(dir, BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // pg's optional native binding is never used.
    external: ['pg-native'],
    // CommonJS dependencies (fastify, pg) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __leapCreateRequire } from 'node:module';\nconst require = __leapCreateRequire(import.meta.url);"
    },
    plugins: [embed],
    legalComments: 'linked',
    logLevel: 'warning'
  });
  const pgliteDist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  await Promise.all(PGLITE_ASSETS.map((name) => copyFile(path.join(pgliteDist, name), path.join(dir, name))));
  // The demo tutorials (manifests, notebooks, their small Zarr store) that local mode loads at
  // migrate: an installed package has no examples/ folder beside it.
  await cp(path.join(serviceDir, '../examples/tutorials'), path.join(dir, 'tutorials'), { recursive: true });
}

try {
  await bundleInto(buildDir);
  await rm(outDir, { recursive: true, force: true });
  await rename(buildDir, outDir);
} finally {
  await rm(buildDir, { recursive: true, force: true });
}
console.log(`bundled ${path.relative(process.cwd(), path.join(outDir, BUNDLE))} with ${PGLITE_ASSETS.join(', ')}`);
