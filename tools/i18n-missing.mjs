// `node tools/i18n-missing.mjs [--keys] [--section name]`: per console language, how many English
// keys it does not write (a plural key counts as written when any of its forms is), by top-level
// section; with --keys, the keys themselves. The locale files are TypeScript: they are transpiled
// in memory with the project's TypeScript (they import nothing but types).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'console', 'src', 'i18n', 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

async function load(file, name) {
  const source = readFileSync(join(dir, file), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const module = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
  return module[name];
}

function flatten(tree, prefix = '') {
  const out = new Map();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const base = (key) => key.replace(PLURAL, '');
const args = process.argv.slice(2);
const showKeys = args.includes('--keys');
const only = args.includes('--section') ? args[args.indexOf('--section') + 1] : undefined;

const english = flatten(await load('en.ts', 'en'));
const arabic = flatten({ ...(await load('ar.ts', 'ar')), ...(await load('ar-pages.ts', 'arPages')) });
const languages = { ar: arabic, ckb: flatten(await load('ckb.ts', 'ckb')), kmr: flatten(await load('kmr.ts', 'kmr')) };

console.log(`en: ${english.size} keys`);
for (const [name, messages] of Object.entries(languages)) {
  const written = new Set([...messages.keys()].map(base));
  const missing = [...english.keys()].filter((key) => !written.has(base(key)) && (!only || key.split('.')[0] === only));
  const bySection = new Map();
  for (const key of missing) bySection.set(key.split('.')[0], (bySection.get(key.split('.')[0]) ?? 0) + 1);
  const sections = [...bySection].map(([s, n]) => `${s} ${n}`).join(', ');
  console.log(`${name}: ${missing.length} missing${sections ? ` (${sections})` : ''}`);
  if (showKeys) for (const key of missing) console.log(`  ${key}`);
}
