// `npm run test:stress`: the vitest suites, three times in a row, while a child process keeps one
// core busy, the way a laptop runs tests beside a build or the console. Any failure in any round
// fails the whole run (exit 1). The burner is bounded: it stops itself after BURN_MAX_MS or as
// soon as this process is gone, and it is killed when the rounds end.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const ROUNDS = Number(process.env.STRESS_ROUNDS ?? 3);
const BURN_MAX_MS = 45 * 60_000;

// A busy loop that checks, every 100 ms of burning, whether it should stop.
const burnerSource = `
const parent = ${process.pid};
const end = Date.now() + ${BURN_MAX_MS};
const alive = () => { try { process.kill(parent, 0); return true; } catch { return false; } };
for (;;) {
  const slice = Date.now() + 100;
  while (Date.now() < slice) Math.sqrt(Math.random());
  if (Date.now() > end || !alive()) process.exit(0);
}`;

const burner = spawn(process.execPath, ['-e', burnerSource], { stdio: 'ignore' });
const stopBurner = () => {
  if (burner.exitCode === null) burner.kill('SIGKILL');
};
process.on('exit', stopBurner);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopBurner();
    process.exit(130);
  });
}

const vitest = new URL('../node_modules/vitest/vitest.mjs', import.meta.url).pathname;
const results: { round: number; ok: boolean; seconds: number }[] = [];
console.log(`test:stress: ${ROUNDS} rounds of \`vitest run\` beside a CPU burner (pid ${burner.pid}, one core)`);
for (let round = 1; round <= ROUNDS; round++) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  const seconds = (performance.now() - started) / 1000;
  results.push({ round, ok: run.status === 0, seconds });
  console.log(`test:stress: round ${round}/${ROUNDS} ${run.status === 0 ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds.toFixed(0)} s`);
}
stopBurner();

const failed = results.filter((r) => !r.ok);
console.log(`test:stress: ${results.length - failed.length} passed, ${failed.length} failed (rounds: ${results.map((r) => `${r.seconds.toFixed(0)} s ${r.ok ? 'ok' : 'FAILED'}`).join(', ')})`);
process.exit(failed.length === 0 ? 0 : 1);
