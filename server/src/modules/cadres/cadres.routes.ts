import {
  appointIn,
  asOfQuery,
  changeHostUnitIn,
  createHostUnitIn,
  createTermIn,
  endHostUnitIn,
  endPostIn,
  hostUnitListQuery,
  id,
  linkHostUnitIn,
  mergeHostUnitsIn,
  postListQuery,
  reminderQuery,
  rotationIn,
  rotationListQuery,
  termListQuery,
  updateTermIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { hostUnitsService } from './hostUnits.service.js';
import { postsService } from './posts.service.js';
import { rotationsService } from './rotations.service.js';

const params = z.object({ id });

/** Host units, committee terms, posts, concurrency and rotation (tag 'cadres'). */
export function cadresRoutes(db: Db): FastifyPluginAsyncZod {
  const units = hostUnitsService(db.kysely);
  const posts = postsService(db.kysely);
  const rotations = rotationsService(db.kysely, posts);
  return async (app) => {
    const tags = ['cadres'];
    app.get('/host-units', { schema: { tags, querystring: hostUnitListQuery } }, async (req) => units.list(requireCtx(req, 'org.read'), req.query));
    app.get('/host-units/:id', { schema: { tags, params } }, async (req) => units.detail(requireCtx(req, 'org.read'), req.params.id));
    app.post('/host-units', { schema: { tags, body: createHostUnitIn } }, async (req, reply) => reply.status(201).send(await units.create(requireCtx(req, 'org.write'), req.body)));
    app.post('/host-units/merge', { schema: { tags, body: mergeHostUnitsIn } }, async (req, reply) => reply.status(201).send(await units.merge(requireCtx(req, 'org.write'), req.body)));
    app.post('/host-units/:id/change', { schema: { tags, params, body: changeHostUnitIn } }, async (req) => units.change(requireCtx(req, 'org.write'), req.params.id, req.body));
    app.post('/host-units/:id/link', { schema: { tags, params, body: linkHostUnitIn } }, async (req) => units.link(requireCtx(req, 'org.write'), req.params.id, req.body));
    app.post('/host-units/:id/end', { schema: { tags, params, body: endHostUnitIn } }, async (req) => units.end(requireCtx(req, 'org.write'), req.params.id, req.body));

    app.get('/terms', { schema: { tags, querystring: termListQuery } }, async (req) => posts.listTerms(requireCtx(req, 'org.read'), req.query.org, req.query.asOf));
    app.get('/terms/reminders', { schema: { tags, querystring: reminderQuery } }, async (req) => posts.reminders(requireCtx(req, 'org.read'), req.query.org, req.query.months));
    app.post('/terms', { schema: { tags, body: createTermIn } }, async (req, reply) => reply.status(201).send(await posts.createTerm(requireCtx(req, 'org.write'), req.body)));
    app.patch('/terms/:id', { schema: { tags, params, body: updateTermIn } }, async (req) => posts.updateTerm(requireCtx(req, 'org.write'), req.params.id, req.body));

    app.get('/posts', { schema: { tags, querystring: postListQuery } }, async (req) => posts.listPosts(requireCtx(req, 'org.read'), req.query));
    app.get('/posts/concurrency', { schema: { tags, querystring: asOfQuery } }, async (req) => posts.concurrency(requireCtx(req, 'org.read'), req.query.org, req.query.asOf));
    app.get('/posts/village-heads', { schema: { tags, querystring: asOfQuery } }, async (req) => posts.villageHeads(requireCtx(req, 'org.read'), req.query.org, req.query.asOf));
    app.post('/posts', { schema: { tags, body: appointIn } }, async (req, reply) => reply.status(201).send(await posts.appoint(requireCtx(req, 'org.write'), req.body)));
    app.post('/posts/:id/end', { schema: { tags, params, body: endPostIn } }, async (req) => posts.endPost(requireCtx(req, 'org.write'), req.params.id, req.body));

    app.get('/rotations', { schema: { tags, querystring: rotationListQuery } }, async (req) => rotations.list(requireCtx(req, 'org.read'), req.query));
    app.post('/rotations', { schema: { tags, body: rotationIn } }, async (req, reply) => reply.status(201).send(await rotations.create(requireCtx(req, 'org.write'), req.body)));
  };
}
