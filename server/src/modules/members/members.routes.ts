import {
  createMemberIn,
  createPersonIn,
  id,
  memberDetailOut,
  memberEventIn,
  memberListOut,
  memberListQuery,
  qualificationIn,
  updateMemberIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Readable } from 'node:stream';
import { requireCtx } from '../../platform/http.js';
import { exportMembersCsv } from './members.export.js';
import type { MembersService } from './members.service.js';

const params = z.object({ id });

export function membersRoutes(svc: MembersService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['members'];
    app.get('/members', { schema: { tags, querystring: memberListQuery, response: { 200: memberListOut } } }, async (req) =>
      svc.list(requireCtx(req, 'member.read'), req.query),
    );
    app.get('/members/export.csv', { schema: { tags, querystring: memberListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
      const ctx = requireCtx(req, 'member.read');
      const first = exportMembersCsv(svc, ctx, req.query);
      // Pull the header and first page before answering, so a bad filter is still a clean 4xx.
      const head = await first.next();
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="dang-vien-${new Date().toISOString().slice(0, 10)}.csv"`);
      return reply.send(Readable.from((async function* () {
        if (!head.done) yield head.value;
        yield* first;
      })()));
    });
    app.get('/members/duplicates', { schema: { tags } }, async (req) => ({ groups: await svc.duplicates(requireCtx(req, 'member.read')) }));
    app.get('/members/:id', { schema: { tags, params, response: { 200: memberDetailOut } } }, async (req) =>
      svc.detail(requireCtx(req, 'member.read'), req.params.id),
    );
    app.get('/members/:id/history', { schema: { tags, params } }, async (req) => svc.history(requireCtx(req, 'member.read'), req.params.id));
    app.post('/members', { schema: { tags, body: createMemberIn, response: { 201: memberDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.create(requireCtx(req, 'member.write'), req.body)),
    );
    app.patch('/members/:id', { schema: { tags, params, body: updateMemberIn, response: { 200: memberDetailOut } } }, async (req) =>
      svc.update(requireCtx(req, 'member.write'), req.params.id, req.body),
    );
    app.post('/members/:id/events', { schema: { tags, params, body: memberEventIn, response: { 201: memberDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.addEvent(requireCtx(req, 'member.event'), req.params.id, req.body)),
    );
    app.post('/members/:id/qualifications', { schema: { tags, params, body: qualificationIn } }, async (req, reply) =>
      reply.status(201).send(await svc.addQualification(requireCtx(req, 'member.write'), req.params.id, req.body)),
    );
    app.post('/people', { schema: { tags: ['people'], body: createPersonIn, response: { 201: memberDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.createPerson(requireCtx(req, 'member.write'), req.body)),
    );
  };
}
