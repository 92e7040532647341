import {
  addTargetIn,
  attachmentIn,
  createDocumentIn,
  createStudySessionIn,
  documentDetailOut,
  documentListOut,
  documentListQuery,
  id,
  studyAttendanceIn,
  studyCoverageOut,
  studyCoverageQuery,
  studyListOut,
  studyListQuery,
  studySessionDetailOut,
  updateDocumentIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { documentsService } from './documents.service.js';
import { studyService } from './study.service.js';

const params = z.object({ id });
/** A base64 attachment of 512 KB is about 700 KB of JSON. */
const ATTACHMENT_BODY_LIMIT = 1_000_000;

export function documentsRoutes(db: Db): FastifyPluginAsyncZod {
  const docs = documentsService(db.kysely);
  const study = studyService(db.kysely);
  return async (app) => {
    const tags = ['documents'];
    app.get('/documents', { schema: { tags, querystring: documentListQuery, response: { 200: documentListOut } } }, async (req) =>
      docs.list(requireCtx(req, 'org.read'), req.query),
    );
    app.get('/documents/:id', { schema: { tags, params, response: { 200: documentDetailOut } } }, async (req) =>
      docs.detail(requireCtx(req, 'org.read'), req.params.id),
    );
    app.post('/documents', { schema: { tags, body: createDocumentIn, response: { 201: documentDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await docs.create(requireCtx(req, 'document.write'), req.body)),
    );
    app.patch('/documents/:id', { schema: { tags, params, body: updateDocumentIn, response: { 200: documentDetailOut } } }, async (req) =>
      docs.update(requireCtx(req, 'document.write'), req.params.id, req.body),
    );
    app.post('/documents/:id/targets', { schema: { tags, params, body: addTargetIn, response: { 201: documentDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await docs.addTarget(requireCtx(req, 'document.write'), req.params.id, req.body)),
    );
    app.post(
      '/documents/:id/attachments',
      { bodyLimit: ATTACHMENT_BODY_LIMIT, schema: { tags, params, body: attachmentIn, response: { 201: documentDetailOut } } },
      async (req, reply) => reply.status(201).send(await docs.addAttachment(requireCtx(req, 'document.write'), req.params.id, req.body)),
    );
    app.get('/documents/:id/attachments/:attachmentId', { schema: { tags, params: z.object({ id, attachmentId: id }) } }, async (req, reply) => {
      const a = await docs.attachment(requireCtx(req, 'org.read'), req.params.id, req.params.attachmentId);
      reply.header('content-type', a.mimeType);
      reply.header('content-disposition', `attachment; filename="tep-dinh-kem"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`);
      return reply.send(a.content);
    });

    const studyTags = ['study'];
    app.get('/study/sessions', { schema: { tags: studyTags, querystring: studyListQuery, response: { 200: studyListOut } } }, async (req) =>
      study.list(requireCtx(req, 'org.read'), req.query),
    );
    app.get('/study/sessions/:id', { schema: { tags: studyTags, params, response: { 200: studySessionDetailOut } } }, async (req) =>
      study.detail(requireCtx(req, 'org.read'), req.params.id),
    );
    app.post('/study/sessions', { schema: { tags: studyTags, body: createStudySessionIn, response: { 201: studySessionDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await study.create(requireCtx(req, 'document.write'), req.body)),
    );
    app.post('/study/sessions/:id/attendance', { schema: { tags: studyTags, params, body: studyAttendanceIn, response: { 200: studySessionDetailOut } } }, async (req) =>
      study.setAttendance(requireCtx(req, 'document.write'), req.params.id, req.body),
    );
    app.get('/study/coverage', { schema: { tags: studyTags, querystring: studyCoverageQuery, response: { 200: studyCoverageOut } } }, async (req) =>
      study.coverage(requireCtx(req, 'org.read'), req.query),
    );
  };
}
