import {
  cellRatingsIn,
  cellRatingsQuery,
  commendationIn,
  createRatingIn,
  id,
  nonPartyBodyIn,
  nonPartyListQuery,
  nonPartyRatingIn,
  ratingListQuery,
  ratingSettingIn,
  ratingStepIn,
  ratingSummaryQuery,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { cellRatingsService } from './ratings.cell.js';
import { nonPartyService } from './ratings.nonparty.js';
import { ratingsService } from './ratings.service.js';
import { ratingsSummaryService } from './ratings.summary.js';

const params = z.object({ id });
const orgParams = z.object({ orgId: id });

export function ratingsRoutes(db: Db): FastifyPluginAsyncZod {
  const svc = ratingsService(db.kysely);
  const sums = ratingsSummaryService(db.kysely);
  const cell = cellRatingsService(db.kysely);
  const bodies = nonPartyService(db.kysely);
  return async (app) => {
    const tags = ['ratings'];
    app.get('/ratings', { schema: { tags, querystring: ratingListQuery } }, async (req) => svc.list(requireCtx(req, 'member.read'), req.query));
    app.get('/ratings/summary', { schema: { tags, querystring: ratingSummaryQuery } }, async (req) => sums.summary(requireCtx(req, 'member.read'), req.query));
    app.get('/ratings/settings', { schema: { tags } }, async (req) => sums.settings(requireCtx(req, 'member.read')));
    app.post('/ratings/settings', { schema: { tags, body: ratingSettingIn } }, async (req, reply) =>
      reply.status(201).send(await sums.addSetting(requireCtx(req, 'rating.write'), req.body)),
    );
    app.get('/ratings/cell/:orgId', { schema: { tags, params: orgParams, querystring: cellRatingsQuery } }, async (req) =>
      cell.view(requireCtx(req, 'member.read'), req.params.orgId, req.query.year),
    );
    app.post('/ratings/cell/:orgId', { schema: { tags, params: orgParams, body: cellRatingsIn } }, async (req) =>
      cell.save(requireCtx(req, 'rating.write'), req.params.orgId, req.body),
    );
    app.get('/ratings/bodies', { schema: { tags, querystring: nonPartyListQuery } }, async (req) => bodies.list(requireCtx(req, 'org.read'), req.query));
    app.post('/ratings/bodies', { schema: { tags, body: nonPartyBodyIn } }, async (req, reply) =>
      reply.status(201).send(await bodies.create(requireCtx(req, 'rating.write'), req.body)),
    );
    app.get('/ratings/bodies/:id', { schema: { tags, params } }, async (req) => bodies.detail(requireCtx(req, 'org.read'), req.params.id));
    app.post('/ratings/bodies/:id/ratings', { schema: { tags, params, body: nonPartyRatingIn } }, async (req) =>
      bodies.rate(requireCtx(req, 'rating.write'), req.params.id, req.body),
    );
    app.get('/ratings/:id', { schema: { tags, params } }, async (req) => svc.detail(requireCtx(req, 'member.read'), req.params.id));
    app.post('/ratings', { schema: { tags, body: createRatingIn } }, async (req, reply) => reply.status(201).send(await svc.create(requireCtx(req, 'rating.write'), req.body)));
    app.post('/ratings/:id/steps', { schema: { tags, params, body: ratingStepIn } }, async (req) => svc.step(requireCtx(req, 'rating.write'), req.params.id, req.body));
    app.post('/ratings/:id/commendation', { schema: { tags, params, body: commendationIn } }, async (req, reply) =>
      reply.status(201).send(await svc.commend(requireCtx(req, 'rating.write'), req.params.id, req.body)),
    );
  };
}
