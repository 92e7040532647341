import {
  attendanceIn,
  closeMeetingIn,
  heldMeetingIn,
  id,
  meetingDocumentIn,
  meetingListQuery,
  meetingRuleChoiceIn,
  meetingStatusQuery,
  meetingYearQuery,
  MEETING_ROLLUP_RULE_SETS,
  MEETING_SCORE_RULE_SETS,
  minutesIn,
  planMeetingIn,
  publishMeetingIn,
  reopenMeetingIn,
  scoreMeetingIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { meetingDetail } from './meetings.detail.js';
import { meetingsQueries } from './meetings.queries.js';
import { meetingsService } from './meetings.service.js';

const params = z.object({ id });
const docParams = z.object({ id, docId: id });
/** Attachments travel as base64 in JSON: 5 MB of file is about 6,7 MB of text. */
const DOCUMENT_BODY_LIMIT = 10 * 1024 * 1024;

export function meetingsRoutes(db: Db): FastifyPluginAsyncZod {
  const svc = meetingsService(db.kysely);
  const queries = meetingsQueries(db.kysely);
  return async (app) => {
    const tags = ['meetings'];
    app.get('/meetings', { schema: { tags, querystring: meetingListQuery } }, async (req) => queries.list(requireCtx(req, 'org.read'), req.query));
    app.get('/meetings/status', { schema: { tags, querystring: meetingStatusQuery } }, async (req) => queries.status(requireCtx(req, 'org.read'), req.query));
    app.get('/meetings/yearly', { schema: { tags, querystring: meetingYearQuery } }, async (req) => queries.yearly(requireCtx(req, 'org.read'), req.query));
    app.get('/meetings/rules', { schema: { tags } }, async (req) => {
      requireCtx(req, 'org.read');
      return { score: Object.values(MEETING_SCORE_RULE_SETS), rollup: Object.values(MEETING_ROLLUP_RULE_SETS) };
    });
    app.post('/meetings/rules', { schema: { tags, body: meetingRuleChoiceIn } }, async (req, reply) =>
      reply.status(201).send(await svc.chooseRules(requireCtx(req, 'org.write'), req.body)),
    );
    app.get('/meetings/:id', { schema: { tags, params } }, async (req) => meetingDetail(db.kysely, requireCtx(req, 'org.read'), req.params.id));
    app.get('/meetings/:id/documents/:docId', { schema: { tags, params: docParams } }, async (req, reply) => {
      const d = await svc.document(requireCtx(req, 'org.read'), req.params.id, req.params.docId);
      reply.header('content-type', d.mimeType);
      reply.header('content-disposition', `attachment; filename="tai-lieu"; filename*=UTF-8''${encodeURIComponent(d.name)}`);
      return reply.send(d.content);
    });
    app.post('/meetings', { schema: { tags, body: planMeetingIn } }, async (req, reply) => reply.status(201).send(await svc.plan(requireCtx(req, 'meeting.write'), req.body)));
    app.post('/meetings/:id/publish', { schema: { tags, params, body: publishMeetingIn } }, async (req) => svc.publish(requireCtx(req, 'meeting.write'), req.params.id, req.body));
    app.post('/meetings/:id/held', { schema: { tags, params, body: heldMeetingIn } }, async (req) => svc.held(requireCtx(req, 'meeting.write'), req.params.id, req.body));
    app.post('/meetings/:id/attendance', { schema: { tags, params, body: attendanceIn } }, async (req) => svc.attendance(requireCtx(req, 'meeting.write'), req.params.id, req.body));
    app.post('/meetings/:id/minutes', { schema: { tags, params, body: minutesIn } }, async (req) => svc.minutes(requireCtx(req, 'meeting.write'), req.params.id, req.body));
    app.post('/meetings/:id/score', { schema: { tags, params, body: scoreMeetingIn } }, async (req) => svc.score(requireCtx(req, 'meeting.write'), req.params.id, req.body));
    app.post('/meetings/:id/close', { schema: { tags, params, body: closeMeetingIn } }, async (req) => svc.close(requireCtx(req, 'meeting.write'), req.params.id, req.body.version));
    app.post('/meetings/:id/reopen', { schema: { tags, params, body: reopenMeetingIn } }, async (req) => svc.reopen(requireCtx(req, 'meeting.write'), req.params.id, req.body));
    app.post('/meetings/:id/documents', { bodyLimit: DOCUMENT_BODY_LIMIT, schema: { tags, params, body: meetingDocumentIn } }, async (req) =>
      svc.addDocument(requireCtx(req, 'meeting.write'), req.params.id, req.body),
    );
  };
}
