// Where each Playwright worker's own console and embedded simulators listen. Worker i (its
// parallelIndex) gets the console on E2E_PORT + 3i and its two simulated regions on the two ports
// after it (SIMULATOR_PORT and +1), with a DATA_DIR of its own: journeys in different workers
// never share state.
export const E2E_BASE_PORT = Number(process.env.E2E_PORT ?? 18080);
/**
 * Two by default: 1.5 times faster on 2 cores (the whole suite: 9.3 min against 14.1 min).
 * E2E_WORKERS=1 runs one console for all journeys.
 */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2);

export const consolePort = (parallelIndex: number) => E2E_BASE_PORT + 3 * parallelIndex;
/** The first simulated region's simulator (the default target). */
export const simulatorPort = (parallelIndex: number) => consolePort(parallelIndex) + 1;
export const consoleUrl = (parallelIndex: number) => `http://127.0.0.1:${consolePort(parallelIndex)}`;
export const simulatorUrl = (parallelIndex: number) => `http://127.0.0.1:${simulatorPort(parallelIndex)}`;
