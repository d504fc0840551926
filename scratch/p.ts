import { readFileSync } from 'node:fs';
import { parseSurvey } from '../src/survey/parse.ts';
const s = parseSurvey(readFileSync('data/cx-management/survey.yaml','utf8'), 'data/cx-management/survey.yaml');
console.log(s.questions.length, s.indicators.length, s.charts.length);
