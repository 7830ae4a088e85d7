// `npm run simulator`: the simulator as its own process, configured by SIMULATOR_* variables.
import { simulatorOptionsFromEnv, startSimulator, type SimulatorOptions } from './index';

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = simulatorOptionsFromEnv(process.env);
  } catch (error) {
    console.error(`dcs-simulator: ${(error as Error).message}`);
    process.exit(1);
  }
  const simulator = await startSimulator(options).catch((error: NodeJS.ErrnoException) => {
    const detail = error.code === 'EADDRINUSE' ? 'address already in use (set SIMULATOR_PORT)' : error.message;
    console.error(`dcs-simulator: cannot start: ${detail}`);
    process.exit(1);
  });
  console.log(`DCS simulator listening on ${simulator.url} (project ${simulator.projectId}, AK ${simulator.ak})`);

  const shutdown = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
