import {
  admissionRulesById,
  assignHelperIn,
  candidateDetailOut,
  candidateListOut,
  candidateListQuery,
  createCandidateIn,
  createTargetIn,
  id,
  overrideWarningIn,
  probationListOut,
  probationListQuery,
  recordDocumentIn,
  recordStepIn,
  targetListOut,
  targetListQuery,
  targetOut,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { probationList } from './admissions.probation.js';
import { admissionsService } from './admissions.service.js';
import { admissionTargets } from './admissions.targets.js';

const params = z.object({ id });

/**
 * The admission pipeline under /admissions: candidates (quần chúng ưu tú) and their steps,
 * documents, helpers and warning overrides; probation lists; admission targets.
 * `rulesId` is the rule set new candidates are recorded under (DANGVU_ADMISSION_RULES).
 */
export function admissionsRoutes(db: Db, rulesId?: string): FastifyPluginAsyncZod {
  const svc = admissionsService(db, rulesId ? admissionRulesById(rulesId) : undefined);
  const targets = admissionTargets(db.kysely);
  return async (app) => {
    const tags = ['admissions'];
    app.get(
      '/admissions/candidates',
      { schema: { tags, summary: 'Candidates in scope, by stage, with what each still lacks', querystring: candidateListQuery, response: { 200: candidateListOut } } },
      async (req) => svc.list(requireCtx(req, 'member.read'), req.query),
    );
    app.post(
      '/admissions/candidates',
      { schema: { tags, summary: 'Record a candidate: a new person, the developing cell, the introducer and optionally the helper', body: createCandidateIn, response: { 201: candidateDetailOut } } },
      async (req, reply) => reply.status(201).send(await svc.create(requireCtx(req, 'member.write'), req.body)),
    );
    app.get('/admissions/candidates/:id', { schema: { tags, summary: 'One candidate: steps, documents, helpers, overrides, progress', params, response: { 200: candidateDetailOut } } }, async (req) =>
      svc.detail(requireCtx(req, 'member.read'), req.params.id),
    );
    app.post(
      '/admissions/candidates/:id/steps',
      {
        schema: {
          tags,
          summary: 'Record the next step; the ceremony writes ket_nap and the outcome writes cong_nhan_chinh_thuc / khong_cong_nhan to the member ledger',
          params,
          body: recordStepIn,
          response: { 201: candidateDetailOut },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.recordStep(requireCtx(req, 'member.event'), req.params.id, req.body)),
    );
    app.post(
      '/admissions/candidates/:id/documents',
      { schema: { tags, summary: 'Record the day a document (1-KNĐ … 13-KNĐ) was received', params, body: recordDocumentIn, response: { 201: candidateDetailOut } } },
      async (req, reply) => reply.status(201).send(await svc.recordDocument(requireCtx(req, 'member.write'), req.params.id, req.body)),
    );
    app.post(
      '/admissions/candidates/:id/helpers',
      { schema: { tags, summary: 'Assign or change the helping full member from a date', params, body: assignHelperIn, response: { 201: candidateDetailOut } } },
      async (req, reply) => reply.status(201).send(await svc.assignHelper(requireCtx(req, 'member.write'), req.params.id, req.body)),
    );
    app.post(
      '/admissions/candidates/:id/overrides',
      { schema: { tags, summary: 'Override an age or education warning (cán bộ tổ chức, quản trị only)', params, body: overrideWarningIn, response: { 201: candidateDetailOut } } },
      async (req, reply) => reply.status(201).send(await svc.overrideWarning(requireCtx(req, 'member.write'), req.params.id, req.body)),
    );
    app.get(
      '/admissions/probations',
      { schema: { tags, summary: 'Probationary members whose 12 months end within 30 days (sap_het) or have passed with no outcome (qua_han)', querystring: probationListQuery, response: { 200: probationListOut } } },
      async (req) => probationList(db.kysely, requireCtx(req, 'member.read'), req.query),
    );
    app.get(
      '/admissions/targets',
      { schema: { tags, summary: 'Admission targets in scope with achievement (numerator, goal, percent)', querystring: targetListQuery, response: { 200: targetListOut } } },
      async (req) => targets.list(requireCtx(req, 'member.read'), req.query),
    );
    app.post(
      '/admissions/targets',
      { schema: { tags, summary: 'Set a target for an organization: a count or a rate, for a year or a term', body: createTargetIn, response: { 201: targetOut } } },
      async (req, reply) => reply.status(201).send(await targets.create(requireCtx(req, 'org.write'), req.body)),
    );
  };
}
