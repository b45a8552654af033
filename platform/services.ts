// Brings up the embedded Temporal dev server and PostgreSQL unless external ones are configured.
import path from 'node:path';
import type { Config } from './config';
import { startDevServer, waitForTemporal, type TemporalServer } from './temporalServer';
import { startEmbeddedPostgres, type PostgresServer } from './embeddedPostgres';

export interface BackingServices {
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  temporalSource: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Starts what is not configured externally; state lives under config.dataDir. */
export async function startBackingServices(
  config: Config,
  log: (m: string) => void,
): Promise<BackingServices> {
  let temporal: TemporalServer | undefined;
  let postgres: PostgresServer | undefined;
  const stop = async () => {
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
  };
  try {
    await Promise.all([
      config.temporalAddress
        ? waitForTemporal(config.temporalAddress)
        : startDevServer({
            cliPath: config.temporalCliPath,
            grpcPort: config.temporalGrpcPort,
            uiPort: config.temporalUiPort,
            namespace: config.temporalNamespace,
            dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
            // The UI decodes histories through the API's codec server (administrators only, docs/encryption.md).
            extraArgs: ['--ui-codec-endpoint', config.codec.uiEndpoint],
            log,
          }).then((t) => void (temporal = t)),
      config.databaseUrl
        ? Promise.resolve()
        : startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), config.embeddedPostgresPort, log).then(
            (p) => void (postgres = p),
          ),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    temporalAddress: config.temporalAddress ?? temporal!.address,
    temporalUiUrl: temporal?.uiUrl,
    temporalSource: temporal?.source ?? `external (${config.temporalAddress})`,
    databaseUrl: config.databaseUrl ?? postgres!.url,
    stop,
  };
}
