// Where each Playwright worker's own console and embedded simulators listen. Worker i (its
// parallelIndex) gets the console on E2E_PORT + 3i and its two simulated regions on the two ports
// after it (SIMULATOR_PORT and +1), with a DATA_DIR of its own: journeys in different workers
// never share state.
export const E2E_BASE_PORT = Number(process.env.E2E_PORT ?? 18080);
/**
 * One by default. Two are 1.7 times faster on 2 cores (24 journeys: 154 s against 262 s), but
 * their load made three journeys miss a wall-clock window in one CI run (fixed since); two become
 * the default once a few runs of the whole suite at E2E_WORKERS=2 are green.
 */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 1);

export const consolePort = (parallelIndex: number) => E2E_BASE_PORT + 3 * parallelIndex;
/** The first simulated region's simulator (the default target). */
export const simulatorPort = (parallelIndex: number) => consolePort(parallelIndex) + 1;
export const consoleUrl = (parallelIndex: number) => `http://127.0.0.1:${consolePort(parallelIndex)}`;
export const simulatorUrl = (parallelIndex: number) => `http://127.0.0.1:${simulatorPort(parallelIndex)}`;
