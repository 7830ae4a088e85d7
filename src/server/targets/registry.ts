// The DCS targets this console serves, each with its own client and service. Routes resolve
// `?target=` here; an unknown id is refused before anything goes upstream.
import type { Target } from '../../api/targets';
import { ApiHttpError } from '../errors';
import type { ConsoleMetrics } from '../metrics';
import { MigrationTaskService } from '../migration-tasks/service';
import { DcsClient, type DcsClientOptions } from '../upstream/dcs-client';

export interface AppTarget {
  id: string;
  label: string;
  region: string;
  simulated: boolean;
  dcs: DcsClientOptions;
}

export class TargetRegistry {
  private readonly services = new Map<string, { target: AppTarget; client: DcsClient; service: MigrationTaskService }>();

  constructor(targets: AppTarget[], metrics?: ConsoleMetrics) {
    if (targets.length === 0) throw new Error('at least one DCS target is required');
    for (const target of targets) {
      const client = new DcsClient(target.dcs, metrics?.dcsObserver(target.id));
      this.services.set(target.id, { target, client, service: new MigrationTaskService(client) });
    }
  }

  /** Every configured target's id. */
  get ids(): string[] {
    return [...this.services.keys()];
  }

  get defaultId(): string {
    return this.services.keys().next().value as string;
  }

  /** The service for `?target=`, the first target when absent. */
  service(targetId: string | undefined): MigrationTaskService {
    const entry = this.services.get(targetId ?? this.defaultId);
    if (!entry) throw new ApiHttpError(400, 'UNKNOWN_TARGET', `No DCS target "${targetId}" is configured. See GET /api/targets.`);
    return entry.service;
  }

  /** Every target's DCS client (readiness probes). */
  clients(): { id: string; client: DcsClient }[] {
    return [...this.services.values()].map(({ target, client }) => ({ id: target.id, client }));
  }

  /** What the browser may know of the targets: no credentials. */
  describe(): Target[] {
    return [...this.services.values()].map(({ target }) => ({
      id: target.id,
      label: target.label,
      region: target.region,
      project_id: target.dcs.projectId,
      endpoint_host: target.dcs.endpoint.host,
      simulated: target.simulated,
    }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.services.values()].map(({ client }) => client.close()));
  }
}
