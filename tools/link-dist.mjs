// After `tsc -p tsconfig.build.json`, lets compiled code import `@awda/<lib>` by making small
// packages in dist/node_modules that re-export the compiled library (the same aliases as
// tsconfig.base.json's paths, so source, tests and the build agree).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  const pkgDir = join(root, 'dist', 'node_modules', ...alias.split('/'));
  const compiled = join(root, 'dist', target.replace(/^\.\//, '').replace(/\.ts$/, '.js'));
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: alias, type: 'module', main: 'index.js' }) + '\n');
  writeFileSync(join(pkgDir, 'index.js'), `export * from '${relative(pkgDir, compiled).split('\\').join('/')}';\n`);
}
