// Starts Kordon: database, migrations, catalogue, then one HTTP server that
// serves Next.js and carries Socket.IO. Nothing listens before the data is
// ready, so the first request already sees every checkpoint.
import { join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import next from 'next';
import type { Logger } from 'pino';
import { cachedFor, checkHealth, createWriteWatch, type DatabaseHealth } from '../lib/health';
import { isDatabaseUnavailable } from '../lib/database-errors';
import { createKordon } from '../lib/kordon';
import { createLocalBus } from '../lib/domain-events';
import { provideServices, type ModerationService, type Services } from '../app/_lib/services';
import { outsideRequests } from './outside-requests';
import { readCatalogue, syncCatalogue } from '../prisma/seed';
import type { Catalogue } from '../lib/catalogue';
import type { Config } from './config';
import { openDatabase } from './database';
import { loadDeviceKeySecret, makeDeviceKeyHasher } from './device-keys';
import { startEstimateTick } from './estimate-tick';
import { startRetentionJob } from './retention-job';
import { applyMigrations } from './migrations';
import { createPushLimiter, createReportLimiter } from './rate-limits';
import { createPushSender, loadVapidKeys } from './web-push';
import { onLeaderEvents } from './leader-events';
import { deletePushSubscription, savePushSubscription } from '../lib/alerts/push-watches';
import { alertWait } from '../lib/alerts/thresholds';
import { estimateFor } from '../lib/ui/estimate-words';
import { createDeviceProofs, memorySpentProofs, redisSpentProofs } from './device-proofs';
import { createModeratorDirectory } from './moderators-file';
import { memoryNewDevices, redisNewDevices } from './new-devices';
import { ADDRESS_BURST, addressBursts } from '../lib/moderation/address-bursts';
import { createRealtime, publishCheckpointUpdate, resendToLocalClients } from './realtime';
import { createEstimateBroadcaster } from './broadcaster';
import { createRedisBus } from './redis-bus';
import { openRedis } from './redis';
import { loadCheckpointDirectory } from '../lib/checkpoint-directory';
import { pgDatabase } from '../lib/sql';
import { soleLeader, startLeadership } from './leadership';
import { createReads } from '../lib/reads';
import { addressKey, compileTrust, makeClientAddress } from './client-address';
import { connectionCapacity, guardConnections, openFileLimit } from './connection-guard';
import { createHttpServer } from './http-server';
import { createLivePageCheck } from './unavailable-page';
import { createListPage } from './list-page';
import { createModeratePage } from './moderate-page';
import { createTelegramBot } from './telegram-bot';
import { startTelegram } from './telegram-runner';
import { createCheckpointNotFound } from './not-found-page';
import { loadServiceWorker } from './service-worker';

const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
const HEALTH_TIMEOUT_MS = 2000;
/** Health says unavailable this long after a report failed for the database, unless one is stored meanwhile. */
const WRITE_FAILURE_WINDOW_MS = 10_000;
/** How soon another node takes over the jobs of one node after the one running them dies. */
const LEADERSHIP_RETRY_MS = 5000;
/** Each border room gets at most one batch of changed estimates this often. */
const BROADCAST_WINDOW_MS = 250;

export interface RunningApp {
  port: number;
  close(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const database = await openDatabase(config, logger);
  // What start-up opened so far, closed again if a later step fails.
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const migrations = await applyMigrations(database.pool);
    for (const name of migrations.modified) {
      logger.warn({ migration: name }, 'migration file changed after it was applied; it is not run again');
    }
    const catalogue = await syncCatalogue({ prisma: database.prisma, catalogue: await readCatalogueOf(config) });
    const { prisma } = database;
    const now = () => new Date();

    const directory = await loadCheckpointDirectory(prisma);
    const reads = createReads({ prisma, now, known: async (id) => directory.get(id) !== undefined || (await directory.refreshFor([id])) });
    const redis = config.REDIS_URL ? await openRedis(config.REDIS_URL, logger) : null;
    cleanups.push(async () => redis?.close());
    // The domain's events reach every node: through Redis with several, in this process alone without.
    const bus = redis
      ? createRedisBus(redis, { prefix: config.REDIS_PREFIX, logger })
      : createLocalBus((error, event) => logger.error({ err: error, event: event.type }, 'a consumer of a domain event failed'));
    const secret = await loadDeviceKeySecret(prisma, {
      configured: config.DEVICE_KEY_SECRET,
      file: config.DEVICE_KEY_SECRET_FILE ?? join(config.DATA_DIR, 'device-key-secret'),
    });
    if (secret.source !== 'environment' && secret.source !== 'file') logger.info({ source: secret.source }, 'device key secret kept in DATA_DIR, outside the database');
    const hashKey = makeDeviceKeyHasher(secret.secret);
    const sqlDatabase = pgDatabase(database.pool);
    const writes = createWriteWatch({ windowMs: WRITE_FAILURE_WINDOW_MS });
    const limiterStore = redis ? { redis: redis.commands, prefix: config.REDIS_PREFIX } : undefined;
    const proofs = createDeviceProofs({
      secret: secret.secret,
      settings: { cost: config.PROOF_COST, tries: config.PROOF_TRIES },
      spent: redis ? redisSpentProofs(redis.commands, config.REDIS_PREFIX) : memorySpentProofs(),
    });
    const limitPushWrites = createPushLimiter(config, { hashKey, store: limiterStore, spendProof: (proof, holder) => proofs.spend(proof, holder) });
    const pushSender = createPushSender({
      prisma,
      keys: await loadVapidKeys(prisma, config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY } : null),
      subject: config.VAPID_SUBJECT ?? (config.PUBLIC_URL?.startsWith('https://') ? config.PUBLIC_URL : 'mailto:operator@kordon.invalid'),
      hosts: config.PUSH_SERVICE_HOSTS,
      logger,
    });
    const newDevices = redis ? redisNewDevices(redis.commands, config.REDIS_PREFIX) : memoryNewDevices();
    const kordon = createKordon({
      prisma,
      database: sqlDatabase,
      directory,
      now,
      hashDeviceKey: hashKey,
      limitReports: createReportLimiter(config, { hashKey, store: limiterStore, newDevices }),
      proveDevice: proofs.prove,
      bus,
    });
    // What this node keeps of the data follows every node's changes.
    kordon.events.subscribe((event) => {
      if (event.type === 'estimate:changed') reads.changed(event.estimate.checkpointId);
      else if (event.type === 'reports:changed') {
        if (event.checkpointIds === 'all') reads.changedAll();
        else for (const id of event.checkpointIds) reads.changed(id);
      } else {
        reads.changedAll();
        // The modes reports are taken for may have changed.
        directory.reload().catch((error: unknown) => logger.warn({ err: error }, 'could not read the checkpoints again'));
      }
    });
    const submitReport: typeof kordon.submitReport = async (input, client) => {
      try {
        const submitted = await kordon.submitReport(input, client);
        writes.stored();
        return submitted;
      } catch (error) {
        if (isDatabaseUnavailable(error)) writes.failed(error);
        throw error;
      }
    };
    // Health proves the app can write, not only read: a write in a transaction rolled back, once a second at most.
    const probeWrite = cachedFor(1000, () =>
      checkHealth(async () => {
        const client = await database.pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          await client.query(`INSERT INTO "public"."MaintenanceState" ("name", "at") VALUES ('health-probe', now()) ON CONFLICT ("name") DO UPDATE SET "at" = excluded."at"`);
        } catch (error) {
          broken = error as Error;
          throw error;
        } finally {
          await client.query('ROLLBACK').catch(() => {});
          // A connection that failed is not handed back to the pool.
          client.release(broken);
        }
      }, HEALTH_TIMEOUT_MS),
    );
    const checkDatabase = async (): Promise<DatabaseHealth> => {
      const failing = writes.failing();
      if (failing) return { ok: false, reason: failing };
      return probeWrite();
    };

    const moderators = createModeratorDirectory({ file: config.MODERATORS_FILE ?? join(config.DATA_DIR, 'moderators'), envToken: config.MODERATOR_TOKEN });
    const moderation: ModerationService = {
      ...kordon.moderation,
      identify: moderators.identify,
      async addressBursts() {
        const at = now().getTime();
        return addressBursts(await newDevices.since(at - ADDRESS_BURST.windowMs), at);
      },
    };
    // Outside each request's own context, so that what the domain keeps (a limit's timer, a cached read) keeps no request.
    provideServices(outsideRequests<Services>({
      prisma,
      logger,
      now,
      submitReport,
      // Not limited per address: fetching one costs a script nothing, so any cap would be a lock one script behind a
      // carrier NAT snaps shut on every new phone there. It costs the server about 1 ms more than any other request
      // (bench:proof), keeps nothing, and needs no more guarding than they do.
      proofChallenge: () => proofs.challenge(),
      reads,
      checkDatabase,
      redisState: () => (redis ? (redis.connected() ? 'connected' : 'unreachable') : null),
      moderation,
      push: {
        publicKey: pushSender.publicKey,
        async save(body, address, proof) {
          // Read once for the whole list (up to 100 watches), not once a watch.
          let checkpoints: ReturnType<typeof reads.checkpoints> | undefined;
          return savePushSubscription(prisma, body, {
            allowed: pushSender.allowed,
            admit: (write) => limitPushWrites(write, { address, proof }),
            current: async (checkpointId, direction, mode) => {
              const checkpoint = (await (checkpoints ??= reads.checkpoints())).find((c) => c.id === checkpointId);
              if (!checkpoint || !checkpoint.modes.includes(mode)) return null;
              return { waitMinutes: alertWait(estimateFor(checkpoint.estimates, { direction, mode })), status: checkpoint.status };
            },
          });
        },
        remove: (body) => deletePushSubscription(prisma, body),
      },
      publicSettings: {
        tiles: config.TILE_URL ? { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION ?? '' } : null,
      },
    }));

    const dev = config.NODE_ENV === 'development';
    const nextApp = next({ dev, dir: PROJECT_DIR });
    await nextApp.prepare();
    const handle = nextApp.getRequestHandler();
    const serviceWorker = dev ? null : await loadServiceWorker(PROJECT_DIR);

    const security = { dev, tileUrl: config.TILE_URL };
    const clientAddress = makeClientAddress(config.TRUST_PROXY, config.REPORT_IPV6_PREFIX);
    const serveList = createListPage({ checkpoints: () => reads.checkpoints(), now, projectDir: PROJECT_DIR, routingUrl: config.ROUTING_URL });
    const serveNotFound = createCheckpointNotFound({ checkpoints: () => reads.checkpoints(), projectDir: PROJECT_DIR });
    const serveModerate = createModeratePage({ prisma, moderation, now, secret: secret.secret, projectDir: PROJECT_DIR, logger });
    let publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
    const telegram = config.TELEGRAM_BOT_TOKEN
      ? createTelegramBot({
          token: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
          prisma,
          submitReport,
          checkpoints: () => reads.checkpoints(),
          secret: secret.secret,
          publicUrl: () => publicUrl,
          logger,
          now,
        })
      : null;
    const ownPages = [createLivePageCheck(() => reads.checkpoints()), serveList, serveNotFound, serveModerate, ...(telegram && config.TELEGRAM_WEBHOOK_URL ? [telegram.webhook()] : [])];
    const httpServer = createHttpServer({ handle, clientAddress, security, serviceWorker, ownPages, logger });
    const trusted = compileTrust(config.TRUST_PROXY);
    guardConnections(httpServer, {
      firstByteMs: config.FIRST_BYTE_TIMEOUT_MS,
      capacity: connectionCapacity(config.CONNECTIONS_MAX, openFileLimit()),
      keyOf: (address) => addressKey(address, config.REPORT_IPV6_PREFIX),
      exempt: (address) => trusted(address, 0),
      logger,
    });
    const realtime = createRealtime(
      httpServer,
      { logger, prisma, submitReport, now, clientAddress, directory },
      { shareUpgrades: dev, allowedOrigins: config.ALLOWED_ORIGINS, requestsPerMinute: config.REQUESTS_PER_CONNECTION },
    );
    // Every node sends its own clients what changed, wherever it changed.
    const broadcaster = createEstimateBroadcaster(realtime.io, { windowMs: BROADCAST_WINDOW_MS });
    kordon.events.subscribe((event) => {
      if (event.type === 'estimate:changed') broadcaster.publish(event.estimate, event.border);
      else if (event.type === 'checkpoint:changed') publishCheckpointUpdate(realtime.io, event.update, event.border);
    });
    // Broadcasts from other nodes made while Redis was away are lost: send this node's clients the current state.
    // So were other nodes' events: a mode a moderator opened or closed meanwhile, the data cached here.
    redis?.onReconnect(() => {
      resendToLocalClients(realtime.io, prisma).catch((error: unknown) => logger.warn({ err: error }, 'could not resend estimates after Redis came back'));
      reads.changedAll();
      directory.reload().catch((error: unknown) => logger.warn({ err: error }, 'could not read the checkpoints again'));
    });
    // With a database server several nodes may share it; embedded, this node is alone.
    const leadership = config.DATABASE_URL ? startLeadership({ pool: database.pool, logger, retryMs: LEADERSHIP_RETRY_MS }) : soleLeader;
    const stopPushAlerts = onLeaderEvents(kordon.events, { isLeader: leadership.isLeader, handle: pushSender.onEvent, logger, what: 'Push alerts' });
    cleanups.push(stopPushAlerts);
    const bot = telegram ? startTelegram(telegram, { events: kordon.events, isLeader: leadership.isLeader, webhookUrl: config.TELEGRAM_WEBHOOK_URL, logger }) : null;
    cleanups.push(async () => bot?.stop());
    const tick = startEstimateTick(
      { prisma, database: sqlDatabase, logger, now, publish: (estimate, border) => bus.publish({ type: 'estimate:changed', estimate, border }) },
      { intervalMs: config.ESTIMATE_TICK_MS, isLeader: leadership.isLeader },
    );
    const retention = startRetentionJob({ prisma, logger, now, retentionDays: config.REPORT_RETENTION_DAYS, isLeader: leadership.isLeader });
    if (dev) {
      const upgrade = nextApp.getUpgradeHandler();
      httpServer.on('upgrade', (req, socket, head) => {
        if (!req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
      });
    }

    const port = await listen(httpServer, config);
    const url = `http://${config.HOST ?? 'localhost'}:${port}`;
    publicUrl = config.PUBLIC_URL ?? `http://localhost:${port}`;
    const shared = !redis ? '' : redis.connected() ? `; shared through ${redis.description}` : `; ${redis.description} unreachable: a single node until it is back`;
    logger.info(
      { port, database: database.description, redis: redis?.description ?? null, redisConnected: redis ? redis.connected() : null, migrationsApplied: migrations.applied.length, catalogue },
      `Kordon listening on ${url} (database: ${database.description}${shared}; ` +
        `${migrations.applied.length} migration(s) applied; checkpoints: ${catalogue.created} added, ` +
        `${catalogue.updated} updated, ${catalogue.unchanged} unchanged)`,
    );

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        // io.close() also closes the HTTP server; idle keep-alive sockets would hold it open.
        const httpClosed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
        // The alerts already heard go out before the database closes.
        await Promise.all([tick.stop(), retention.stop(), bot?.stop(), stopPushAlerts()]);
        await leadership.stop();
        // Reports already in hand are stored and acknowledged before any socket closes.
        await realtime.drain(Math.max(100, config.SHUTDOWN_TIMEOUT_MS - 1500));
        broadcaster.flush();
        broadcaster.stop();
        await realtime.io.close();
        httpServer.closeIdleConnections();
        await httpClosed;
        await nextApp.close();
        provideServices(undefined);
        await redis?.close();
        await database.close();
      })();
      return closing;
    };
    return { port, close };
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

function listen(httpServer: HttpServer, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => {
      httpServer.off('error', reject);
      resolve((httpServer.address() as AddressInfo).port);
    });
  });
}

/** The catalogue this release carries, or the deployment's own: a bad one stops start-up naming its variable. */
async function readCatalogueOf(config: Config): Promise<Catalogue> {
  const file = config.CATALOGUE_FILE;
  if (!file) return readCatalogue();
  return readCatalogue(file).catch((error: unknown) => {
    throw new Error(`CATALOGUE_FILE (${file}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
}
