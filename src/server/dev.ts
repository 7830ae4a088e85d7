// `npm run dev`: the BFF on the embedded simulator (API only) plus Vite with hot reload, which
// proxies /api to it (see vite.config.ts).
import { createServer } from 'vite';
import { startConsole } from './main';

const bffPort = Number(process.env.BFF_PORT ?? 8090);
const bff = await startConsole({ ...process.env, PORT: String(bffPort) }, { staticDir: null });
const vite = await createServer({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname });
await vite.listen();
vite.printUrls();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([vite.close(), bff.close()]).finally(() => process.exit(0));
  });
}
