import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openNativeEngine } from '../../src/engine/native.ts';
import { DUCKDB_VERSION, ENGINE_PACKAGES } from '../../src/engine/versions.ts';

describe('engine pins', () => {
  it('native DuckDB runs the release duckdb-wasm embeds', async () => {
    const engine = await openNativeEngine();
    const [row] = await engine.query('SELECT version() AS v');
    await engine.close();
    expect(row!.v).toBe(DUCKDB_VERSION);
  });

  it('package.json pins both engines exactly as versions.ts says', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    for (const { name, version } of Object.values(ENGINE_PACKAGES)) expect(pkg.dependencies[name]).toBe(version);
  });

  it('never installs or loads an extension behind our back', async () => {
    const engine = await openNativeEngine();
    const rows = await engine.query("SELECT name, value FROM duckdb_settings() WHERE name IN ('autoinstall_known_extensions', 'autoload_known_extensions') ORDER BY name");
    await engine.close();
    expect(rows).toEqual([
      { name: 'autoinstall_known_extensions', value: 'false' },
      { name: 'autoload_known_extensions', value: 'false' },
    ]);
  });
});
