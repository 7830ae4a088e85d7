// `tsx bench/side-by-side.ts typecheck lint`: runs npm scripts at the same time (on 2 cores the
// type check and the lint, each single-threaded, take about as long together as one alone), keeps
// each one's output whole and prints it when it ends, then exits non-zero if any failed.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: tsx bench/side-by-side.ts <npm script> [<npm script> …]');
  process.exit(2);
}

const started = performance.now();
const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise<{ script: string; code: number; output: string; seconds: number }>((resolve) => {
        const child = spawn('npm', ['run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => resolve({ script, code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
      }),
  ),
);
for (const { script, code, output, seconds } of results) {
  console.log(`> npm run ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`);
  if (output.trim()) console.log(output.trimEnd());
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
