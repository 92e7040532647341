import {
  cohortDetailOut,
  cohortListOut,
  cohortListQuery,
  cohortStateIn,
  courseListQuery,
  courseOut,
  createCohortIn,
  createCourseIn,
  enrolIn,
  enrolmentListOut,
  enrolmentListQuery,
  id,
  resultIn,
  theoryOut,
  theoryQuery,
  withdrawIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { trainingService } from './training.service.js';

const params = z.object({ id });

export function trainingRoutes(db: Db): FastifyPluginAsyncZod {
  const svc = trainingService(db.kysely);
  return async (app) => {
    const tags = ['training'];
    app.get('/training/courses', { schema: { tags, querystring: courseListQuery, response: { 200: z.array(courseOut) } } }, async (req) =>
      svc.courses(requireCtx(req, 'org.read'), req.query.kind),
    );
    app.post('/training/courses', { schema: { tags, body: createCourseIn, response: { 201: courseOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.createCourse(requireCtx(req, 'training.write'), req.body)),
    );
    app.get('/training/cohorts', { schema: { tags, querystring: cohortListQuery, response: { 200: cohortListOut } } }, async (req) =>
      svc.list(requireCtx(req, 'org.read'), req.query),
    );
    app.post('/training/cohorts', { schema: { tags, body: createCohortIn, response: { 201: cohortDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.createCohort(requireCtx(req, 'training.write'), req.body)),
    );
    app.get('/training/cohorts/:id', { schema: { tags, params, response: { 200: cohortDetailOut } } }, async (req) =>
      svc.detail(requireCtx(req, 'member.read'), req.params.id),
    );
    app.post('/training/cohorts/:id/state', { schema: { tags, params, body: cohortStateIn, response: { 200: cohortDetailOut } } }, async (req) =>
      svc.changeState(requireCtx(req, 'training.write'), req.params.id, req.body),
    );
    app.post('/training/cohorts/:id/enrolments', { schema: { tags, params, body: enrolIn, response: { 200: cohortDetailOut } } }, async (req) =>
      svc.enrol(requireCtx(req, 'training.write'), req.params.id, req.body),
    );
    app.post('/training/enrolments/:id/withdraw', { schema: { tags, params, body: withdrawIn, response: { 200: cohortDetailOut } } }, async (req) =>
      svc.withdraw(requireCtx(req, 'training.write'), req.params.id, req.body),
    );
    app.post('/training/enrolments/:id/result', { schema: { tags, params, body: resultIn, response: { 200: cohortDetailOut } } }, async (req) =>
      svc.result(requireCtx(req, 'training.write'), req.params.id, req.body),
    );
    // People sent, with person-times and people; ?personId=&kind=nhan_thuc gives a candidate's awareness certificate.
    app.get('/training/enrolments', { schema: { tags, querystring: enrolmentListQuery, response: { 200: enrolmentListOut } } }, async (req) =>
      svc.enrolments(requireCtx(req, 'member.read'), req.query),
    );
    app.get('/training/theory', { schema: { tags, querystring: theoryQuery, response: { 200: theoryOut } } }, async (req) =>
      svc.theory(requireCtx(req, 'member.read'), req.query.org, req.query.asOf),
    );
  };
}
