import { resolve } from 'node:path';
import { runSurvey } from '../src/pipeline/run.ts';

/** One timed pipeline run, for the benchmark: prints its step timings and peak memory as JSON. */
const dir = resolve(process.argv[2] ?? 'data/cx-management');
const { timings } = await runSurvey(dir, process.cwd());
console.log(JSON.stringify({ ...timings, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
