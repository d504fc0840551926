import { writeFileSync } from 'node:fs';
import { surveyJsonSchema } from '../src/survey/json-schema.ts';

/** Writes the JSON Schema of survey.yaml, for editors; a test checks that the committed file is current. */
const target = new URL('../schemas/survey.schema.json', import.meta.url);
writeFileSync(target, JSON.stringify(surveyJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target.pathname}`);
