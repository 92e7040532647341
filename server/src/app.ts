import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config/config.js';
import type { Db } from './db/database.js';
import { admissionsRoutes } from './modules/admissions/admissions.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { cadresRoutes } from './modules/cadres/cadres.routes.js';
import { restructureRoutes } from './modules/restructure/restructure.routes.js';
import { transfersRoutes } from './modules/transfers/transfers.routes.js';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.js';
import { ratingsRoutes } from './modules/ratings/ratings.routes.js';
import { meetingsRoutes } from './modules/meetings/meetings.routes.js';
import { trainingRoutes } from './modules/training/training.routes.js';
import { documentsRoutes } from './modules/documents/documents.routes.js';
import { awardsRoutes } from './modules/awards/awards.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { membersRoutes } from './modules/members/members.routes.js';
import { membersService } from './modules/members/members.service.js';
import { organizationsQueries } from './modules/organizations/organizations.queries.js';
import { organizationsRoutes } from './modules/organizations/organizations.routes.js';
import { organizationsService } from './modules/organizations/organizations.service.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { installAuthHook } from './platform/authHook.js';
import { installErrorHandler, notFoundBody } from './platform/errorHandler.js';
import { uuidv7 } from './platform/ids.js';

// Vietnamese validation messages everywhere zod speaks to users.
z.config(z.locales.vi());

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
}

export type AppConfig = Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours' | 'secureCookies' | 'logLevel'> & Partial<Pick<Config, 'transferReceiptDays' | 'admissionRules' | 'badgeRules'>>;

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = [resolve(here, '../../web/dist'), resolve(here, '../../web/public')].find((p) => existsSync(p));

export async function buildApp(db: Db, config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    // Behind a reverse proxy, set one up explicitly; trusting X-Forwarded-For by default would let anyone dodge the login rate limit.
    trustProxy: process.env.DANGVU_TRUST_PROXY === 'true',
  }).withTypeProvider<ZodTypeProvider>();
  // Every registered route, so tests can prove that each mutating one is audited and validated.
  const routeTable: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routeTable.push({ method: m, url: r.url });
  });
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
  });

  // Trees and lists of thousands of rows travel over weak mountain links: compress them.
  await app.register(compress, {
    threshold: 2048,
    encodings: ['br', 'gzip', 'deflate'],
    // Fast brotli: most of the gain for a fraction of the CPU of the default level 11.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Đảng vụ API', description: 'Quản lý công tác xây dựng Đảng — tổ chức, đảng viên và lịch sử', version: '0.1.0' },
      servers: [],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dangvu_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installErrorHandler(app);

  const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  installAuthHook(app, db.kysely, policy);

  app.get('/api/health', { schema: { tags: ['health'] } }, async () => {
    await db.kysely.selectFrom('organization').select('id').limit(1).execute();
    return { status: 'ok', engine: db.engine };
  });

  const members = membersService(db.kysely, db.engine);
  const orgs = organizationsService(db.kysely);
  await app.register(
    async (api) => {
      await api.register(authRoutes(db.kysely, policy, config.secureCookies));
      await api.register(organizationsRoutes(orgs, organizationsQueries(db.kysely)));
      await api.register(membersRoutes(members));
      await api.register(statsRoutes(db.kysely));
      await api.register(dashboardRoutes(db.kysely));
      await api.register(auditRoutes(db.kysely));
      await api.register(admissionsRoutes(db, config.admissionRules));
      await api.register(transfersRoutes(db, config.transferReceiptDays));
      await api.register(cadresRoutes(db));
      await api.register(restructureRoutes(db));
      await api.register(inspectionsRoutes(db));
      await api.register(ratingsRoutes(db));
      await api.register(meetingsRoutes(db));
      await api.register(trainingRoutes(db));
      await api.register(documentsRoutes(db));
      await api.register(awardsRoutes(db, config.badgeRules));
      await api.register(reportsRoutes(db));
    },
    { prefix: '/api/v1' },
  );

  if (webRoot) await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: 'index.html' });
  // Client-side routes (/members/…) load the app shell; unknown API paths and missing files
  // (an old chunk after an upgrade) stay 404s, so the browser never runs HTML as a script.
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    if (webRoot && req.method === 'GET' && !path.startsWith('/api') && !/\.[a-z0-9]+$/i.test(path)) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(notFoundBody(req.method, req.url));
  });
  return app;
}
