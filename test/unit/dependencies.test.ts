import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A package that only arrives as some other package's dependency can change or vanish with that package's next
// release; whatever Boost imports itself is declared in package.json.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The package an import specifier names: `@scope/name` or `name`, without a subpath. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const isPackage = (specifier: string) =>
  !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(packageOf(specifier));

/**
 * The packages the sources under `dir` import, split into those used at run time and those used for types only.
 * Folders in `skip` are left out.
 */
function importsUnder(dir: string, skip: readonly string[] = []): { runtime: Set<string>; typesOnly: Set<string> } {
  const runtime = new Set<string>();
  const typed = new Set<string>();
  const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter(
    (file) => /\.tsx?$/.test(file) && !skip.some((folder) => file.startsWith(`${folder}/`)),
  );
  for (const file of files) {
    const source = readFileSync(join(ROOT, dir, file), 'utf8');
    for (const [, typeOnly, specifier = ''] of source.matchAll(
      /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    )) {
      if (!isPackage(specifier)) continue;
      (typeOnly ? typed : runtime).add(packageOf(specifier));
    }
    for (const [, specifier = ''] of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      if (isPackage(specifier)) runtime.add(packageOf(specifier));
    }
  }
  return { runtime, typesOnly: new Set([...typed].filter((name) => !runtime.has(name))) };
}

// The playground is run from a clone after `npm ci` (devDependencies installed) and is never part of `npm start`.
const DEVELOPMENT_ONLY = ['playground'];

describe('package.json', () => {
  const { runtime, typesOnly } = importsUnder('src', DEVELOPMENT_ONLY);

  it('lists every package the app imports at run time among its dependencies', () => {
    expect(runtime.size).toBeGreaterThan(0);
    expect([...runtime].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('lists every package the app imports only for types, as a dependency or a devDependency', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    expect([...typesOnly].filter((name) => !(name in declared))).toEqual([]);
  });

  it('lists every package the playground imports, as a dependency or a devDependency', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const playground = importsUnder('src/playground');
    const used = [...playground.runtime, ...playground.typesOnly];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !(name in declared))).toEqual([]);
  });
});
