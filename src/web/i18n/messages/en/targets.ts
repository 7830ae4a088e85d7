import type { Messages } from '../message';

export const targets = {
  target: 'Target',
  chooseTarget: 'Choose a target',
  loadingTargets: 'Loading targets…',
  targetsUnavailable: 'Targets unavailable',
  region: 'Region',
  project: 'Project',
  endpoint: 'Endpoint {host}',
  demoBanner: 'Simulated data — this console is connected to the embedded DCS simulator, not to Huawei Cloud.',
  noTargetsTitle: 'No targets configured',
  noTargetsText: 'The console serves no DCS region or project yet. Ask its administrators.',
  loadFailed: 'Could not load the console’s targets',
  refreshFailed: 'Could not refresh the console’s targets',
  unknownTitle: 'Unknown target {id}',
  unknownDocumentTitle: 'Unknown target',
  unknownText: 'This console does not serve a target called {id}. The link may be old, or the target was removed from the console’s configuration.',
  emptyId: '(empty)',
  configuredTargets: 'Configured targets:',
  configuredTargetsList: 'Configured targets',
  noneConfigured: 'No targets are configured.',
} satisfies Messages;
