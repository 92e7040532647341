import {
  dissolveOrgIn,
  establishOrgIn,
  id,
  mergeOrgsIn,
  orgDetailOut,
  orgTreeOut,
  orgTreeQuery,
  renameOrgIn,
  splitOrgIn,
  transferOrgIn,
  isoDate,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCtx } from '../../platform/http.js';
import type { OrganizationsQueries } from './organizations.queries.js';
import type { OrganizationsService } from './organizations.service.js';

const params = z.object({ id });
const eventOut = z.object({ eventId: z.string(), orgId: z.string() });

export function organizationsRoutes(svc: OrganizationsService, queries: OrganizationsQueries): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];
    app.get('/orgs/tree', { schema: { tags, querystring: orgTreeQuery, response: { 200: orgTreeOut } } }, async (req) =>
      queries.tree(requireCtx(req, 'org.read'), req.query.asOf, req.query.root),
    );
    app.get('/orgs/:id', { schema: { tags, params, querystring: z.object({ asOf: isoDate.optional() }), response: { 200: orgDetailOut } } }, async (req) =>
      queries.detail(requireCtx(req, 'org.read'), req.params.id, req.query.asOf),
    );
    app.post('/orgs', { schema: { tags, body: establishOrgIn, response: { 201: eventOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.establish(requireCtx(req, 'org.write'), req.body)),
    );
    app.post('/orgs/:id/rename', { schema: { tags, params, body: renameOrgIn, response: { 201: eventOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.rename(requireCtx(req, 'org.write'), req.params.id, req.body)),
    );
    app.post('/orgs/:id/transfer', { schema: { tags, params, body: transferOrgIn, response: { 201: eventOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.transfer(requireCtx(req, 'org.write'), req.params.id, req.body)),
    );
    app.post('/orgs/:id/dissolve', { schema: { tags, params, body: dissolveOrgIn, response: { 201: eventOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.dissolve(requireCtx(req, 'org.write'), req.params.id, req.body)),
    );
    app.post('/orgs/:id/split', { schema: { tags, params, body: splitOrgIn, response: { 201: eventOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.split(requireCtx(req, 'org.write'), req.params.id, req.body)),
    );
    app.post('/orgs/merge', { schema: { tags, body: mergeOrgsIn, response: { 201: eventOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.merge(requireCtx(req, 'org.write'), req.body)),
    );
  };
}
