import {
  awardListOut,
  awardListQuery,
  awardOut,
  badgeDueOut,
  badgeDueQuery,
  contestDetailOut,
  contestEntryIn,
  contestListOut,
  contestListQuery,
  createAwardIn,
  createContestIn,
  id,
  updateAwardIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { awardsService } from './awards.service.js';
import { contestsService } from './contests.service.js';

const params = z.object({ id });

/** `badgeRules`: the province's badge rule set code (e.g. HH-75), when it is pinned by a setting. */
export function awardsRoutes(db: Db, badgeRules?: string): FastifyPluginAsyncZod {
  const awards = awardsService(db.kysely, badgeRules);
  const contests = contestsService(db.kysely);
  return async (app) => {
    const tags = ['awards'];
    app.get('/awards', { schema: { tags, querystring: awardListQuery, response: { 200: awardListOut } } }, async (req) =>
      awards.list(requireCtx(req, 'member.read'), req.query),
    );
    app.get('/awards/badges/due', { schema: { tags, querystring: badgeDueQuery, response: { 200: badgeDueOut } } }, async (req) =>
      awards.badgesDue(requireCtx(req, 'member.read'), req.query),
    );
    app.get('/awards/:id', { schema: { tags, params, response: { 200: awardOut } } }, async (req) => awards.get(requireCtx(req, 'member.read'), req.params.id));
    app.post('/awards', { schema: { tags, body: createAwardIn, response: { 201: awardOut } } }, async (req, reply) =>
      reply.status(201).send(await awards.create(requireCtx(req, 'award.write'), req.body)),
    );
    app.patch('/awards/:id', { schema: { tags, params, body: updateAwardIn, response: { 200: awardOut } } }, async (req) =>
      awards.update(requireCtx(req, 'award.write'), req.params.id, req.body),
    );

    app.get('/contests', { schema: { tags, querystring: contestListQuery, response: { 200: contestListOut } } }, async (req) =>
      contests.list(requireCtx(req, 'org.read'), req.query),
    );
    app.get('/contests/:id', { schema: { tags, params, response: { 200: contestDetailOut } } }, async (req) =>
      contests.detail(requireCtx(req, 'org.read'), req.params.id),
    );
    app.post('/contests', { schema: { tags, body: createContestIn, response: { 201: contestDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await contests.create(requireCtx(req, 'award.write'), req.body)),
    );
    app.post('/contests/:id/entries', { schema: { tags, params, body: contestEntryIn, response: { 201: contestDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await contests.enter(requireCtx(req, 'award.write'), req.params.id, req.body)),
    );
  };
}
