import { DuckDBInstance, listValue } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
let r = await c.runAndReadAll('select version() v'); console.log(r.getRowObjects());
r = await c.runAndReadAll('create table raw as select * from read_csv(?, all_varchar=true, header=true)', ['/tmp/t/a.csv']); 
r = await c.runAndReadAll('select rowid, * from raw where list_contains(?::VARCHAR[], "a b/中")', [listValue(['x'])]); console.log(r.getRowObjectsJS());
