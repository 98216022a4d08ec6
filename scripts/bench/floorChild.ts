/** Child process of the benchmark: measures the floor (readFloor) of the bundle named on the command line. */
import { printResult } from './childResult.ts';
import { readFloor } from './readFloor.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: floorChild.ts BUNDLE_DIR');
const started = performance.now();
const cpuBefore = process.cpuUsage();
const floor = await readFloor(dir);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
printResult({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, ...floor });
