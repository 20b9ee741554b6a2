// startup.mjs - time from exec of `spire serve` to its first 200 answer.
//
// usage: node bench/startup.mjs SPIRE DB PORT RUNS
// Spawns the server pinned to CPU 0 RUNS times, polls GET /index.html
// over one keep-alive-free connection every 0.5 ms until it answers 200,
// stops it with SIGTERM, and prints "STARTUP runs=N median_ms= min_ms=
// max_ms=".
import { spawn } from 'node:child_process';
import http from 'node:http';

const [spire, db, port, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 10);

function probe() {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/index.html', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function once() {
  const t0 = process.hrtime.bigint();
  const child = spawn('taskset', ['-c', '0', spire, 'serve', '--db', db,
    '--listen', `127.0.0.1:${port}`, '--web', 'web'], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  let status = 0;
  while (status !== 200) {
    status = await probe();
    if (status === 200) break;
    if (child.exitCode !== null) throw new Error(`spire serve exited with ${child.exitCode}`);
    if (Number(process.hrtime.bigint() - t0) > 10e9) throw new Error('no answer within 10 s');
    await sleep(0.5);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const times = [];
for (let i = 0; i < runs; i++) times.push(await once());
times.sort((a, b) => a - b);
const median = runs % 2 ? times[(runs - 1) / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
console.log(`STARTUP runs=${runs} median_ms=${median.toFixed(1)} ` +
  `min_ms=${times[0].toFixed(1)} max_ms=${times[runs - 1].toFixed(1)}`);
