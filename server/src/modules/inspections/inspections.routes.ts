import {
  addRequirementIn,
  can,
  createDisciplineIn,
  createInspectionCaseIn,
  createInspectionPlanIn,
  disciplineAmendmentIn,
  disciplineListQuery,
  disciplineOut,
  id,
  inspectionCaseDetailOut,
  inspectionCaseListOut,
  inspectionCaseListQuery,
  inspectionCountsOut,
  inspectionCountsQuery,
  inspectionPlanListQuery,
  inspectionPlanOut,
  inspectionStepIn,
  memberDisciplineOut,
  requirementFollowUpIn,
} from '@dangvu/common';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { casesService } from './cases.service.js';
import { disciplineService } from './discipline.service.js';
import { detailsForbidden } from './inspections.shared.js';

const params = z.object({ id });

/** Case details and discipline records: inspection roles only, with a message that points to the counts. */
function detailsCtx(req: FastifyRequest) {
  const ctx = requireCtx(req);
  if (!can(ctx.actor.role, 'inspection.read')) throw detailsForbidden();
  return ctx;
}

export function inspectionsRoutes(db: Db): FastifyPluginAsyncZod {
  const cases = casesService(db.kysely);
  const discipline = disciplineService(db.kysely);
  return async (app) => {
    const tags = ['inspections'];
    app.get('/inspections/counts', { schema: { tags, querystring: inspectionCountsQuery, response: { 200: inspectionCountsOut } } }, async (req) =>
      cases.counts(requireCtx(req, 'org.read'), req.query),
    );
    app.get('/inspections/plans', { schema: { tags, querystring: inspectionPlanListQuery } }, async (req) => cases.listPlans(detailsCtx(req), req.query.year));
    app.post('/inspections/plans', { schema: { tags, body: createInspectionPlanIn, response: { 201: inspectionPlanOut } } }, async (req, reply) =>
      reply.status(201).send(await cases.createPlan(requireCtx(req, 'inspection.write'), req.body)),
    );
    app.get('/inspections/cases', { schema: { tags, querystring: inspectionCaseListQuery, response: { 200: inspectionCaseListOut } } }, async (req) =>
      cases.list(detailsCtx(req), req.query),
    );
    app.post('/inspections/cases', { schema: { tags, body: createInspectionCaseIn, response: { 201: inspectionCaseDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await cases.create(requireCtx(req, 'inspection.write'), req.body)),
    );
    app.get('/inspections/cases/:id', { schema: { tags, params, response: { 200: inspectionCaseDetailOut } } }, async (req) => cases.detail(detailsCtx(req), req.params.id));
    app.post('/inspections/cases/:id/steps', { schema: { tags, params, body: inspectionStepIn, response: { 200: inspectionCaseDetailOut } } }, async (req) =>
      cases.step(requireCtx(req, 'inspection.write'), req.params.id, req.body),
    );
    app.post('/inspections/cases/:id/requirements', { schema: { tags, params, body: addRequirementIn, response: { 201: inspectionCaseDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await cases.addRequirement(requireCtx(req, 'inspection.write'), req.params.id, req.body)),
    );
    app.post('/inspections/requirements/:id/follow-up', { schema: { tags, params, body: requirementFollowUpIn, response: { 200: inspectionCaseDetailOut } } }, async (req) =>
      cases.followUp(requireCtx(req, 'inspection.write'), req.params.id, req.body),
    );

    app.get('/discipline', { schema: { tags, querystring: disciplineListQuery } }, async (req) => discipline.list(detailsCtx(req), req.query));
    app.post('/discipline', { schema: { tags, body: createDisciplineIn, response: { 201: disciplineOut } } }, async (req, reply) =>
      reply.status(201).send(await discipline.create(requireCtx(req, 'inspection.write'), req.body)),
    );
    app.get('/discipline/:id', { schema: { tags, params, response: { 200: disciplineOut } } }, async (req) => discipline.detail(detailsCtx(req), req.params.id));
    app.post('/discipline/:id/amendments', { schema: { tags, params, body: disciplineAmendmentIn, response: { 201: disciplineOut } } }, async (req, reply) =>
      reply.status(201).send(await discipline.amend(requireCtx(req, 'inspection.write'), req.params.id, req.body)),
    );
    // The profile's "kỷ luật" field (2-HSĐV): form, decision and dates for anyone who may read the member.
    app.get('/members/:id/discipline', { schema: { tags: ['members'], params, response: { 200: memberDisciplineOut } } }, async (req) =>
      discipline.ofMember(requireCtx(req, 'member.read'), req.params.id),
    );
  };
}
