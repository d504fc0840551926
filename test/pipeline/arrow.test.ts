import { gunzipSync } from 'node:zlib';
import { DataType, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cubeFile } from '../../src/pipeline/arrow.ts';
import { CUBE_TABLE } from '../../src/indicators/cube.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Survey } from '../../src/survey/survey.ts';
import { loadFixture } from '../indicators/mini.ts';

let engine: Engine;
let survey: Survey;
beforeAll(async () => ({ engine, survey } = await loadFixture('test/fixtures/battery')));
afterAll(async () => engine?.close());

/** Which columns of a cube file are dictionary-encoded, which plain text, and its row count. */
function readBack(file: Uint8Array): { dictionaries: string[]; texts: string[]; rows: number } {
  const table = tableFromIPC(gunzipSync(file));
  const fields = table.schema.fields;
  return { dictionaries: fields.filter((f) => DataType.isDictionary(f.type)).map((f) => f.name), texts: fields.filter((f) => DataType.isUtf8(f.type)).map((f) => f.name), rows: table.numRows };
}

describe('a cube file', () => {
  it('dictionary-encodes its text columns (wave, region, measure, value)', async () => {
    const [{ n } = { n: 0 }] = await engine.query(`SELECT count(*) AS n FROM ${CUBE_TABLE}`);
    expect(readBack(await cubeFile(engine, survey, CUBE_TABLE))).toEqual({ dictionaries: ['wave', 'region', 'measure', 'value'], texts: [], rows: Number(n) });
  });
});
