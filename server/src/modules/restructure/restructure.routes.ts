import { restructureEventsOut, planApplyOut, planFileIn, planListOut, planPreviewOut, restructureApplyOut, restructureEffectsOut, restructureOpIn } from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { planTemplateCsv, planTemplateXlsx } from './plan.template.js';
import { restructureService } from './restructure.service.js';

/** A 2 MB plan travels as base64 inside JSON: about 2,8 MB of body. */
const PLAN_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Previews use the HTTP QUERY method: a safe, repeatable request that carries a body. They run
 * the operation and roll it back, so they change nothing and write no audit row, and they are
 * not writes in the sense of the every-mutating-route test.
 */
export function restructureRoutes(db: Db): FastifyPluginAsyncZod {
  const svc = restructureService(db.kysely, organizationsService(db.kysely));
  return async (app) => {
    const tags = ['restructure'];
    app.route({
      method: 'QUERY',
      url: '/restructure/preview',
      schema: { tags, body: restructureOpIn, response: { 200: restructureEffectsOut } },
      handler: async (req) => svc.preview(requireCtx(req, 'org.write'), req.body),
    });
    app.post('/restructure/apply', { schema: { tags, body: restructureOpIn, response: { 201: restructureApplyOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.apply(requireCtx(req, 'org.write'), req.body)),
    );
    app.get('/restructure/template.xlsx', { schema: { tags } }, async (req, reply) => {
      requireCtx(req, 'org.write');
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', 'attachment; filename="ke-hoach-sap-xep.xlsx"');
      return reply.send(await planTemplateXlsx());
    });
    app.get('/restructure/template.csv', { schema: { tags } }, async (req, reply) => {
      requireCtx(req, 'org.write');
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="ke-hoach-sap-xep.csv"');
      return reply.send(planTemplateCsv());
    });
    app.route({
      method: 'QUERY',
      url: '/restructure/plans/preview',
      bodyLimit: PLAN_BODY_LIMIT,
      schema: { tags, body: planFileIn, response: { 200: planPreviewOut } },
      handler: async (req) => svc.previewPlan(requireCtx(req, 'org.write'), req.body),
    });
    app.post('/restructure/plans', { bodyLimit: PLAN_BODY_LIMIT, schema: { tags, body: planFileIn, response: { 201: planApplyOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.applyPlan(requireCtx(req, 'org.write'), req.body)),
    );
    app.get('/restructure/plans', { schema: { tags, response: { 200: planListOut } } }, async (req) => svc.plans(requireCtx(req, 'org.write')));
    app.get('/restructure/events', { schema: { tags, response: { 200: restructureEventsOut } } }, async (req) => svc.events(requireCtx(req, 'org.write')));
  };
}
