import {
  DEFAULT_RECEIPT_DAYS,
  id,
  proposeTransferIn,
  transferDestinationQuery,
  transferDetailOut,
  transferListOut,
  transferListQuery,
  transferStepIn,
} from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { transfersService } from './transfers.service.js';

const params = z.object({ id });

/** `receiptDays`: days before an unreceived letter is overdue (DANGVU_TRANSFER_RECEIPT_DAYS). */
export function transfersRoutes(db: Db, receiptDays = DEFAULT_RECEIPT_DAYS): FastifyPluginAsyncZod {
  const svc = transfersService(db.kysely, receiptDays);
  return async (app) => {
    const tags = ['transfers'];
    app.get('/transfers', { schema: { tags, querystring: transferListQuery, response: { 200: transferListOut } } }, async (req) =>
      svc.list(requireCtx(req, 'member.read'), req.query),
    );
    app.get('/transfers/destinations', { schema: { tags, querystring: transferDestinationQuery } }, async (req) => {
      requireCtx(req, 'member.event');
      return svc.destinations(req.query.q);
    });
    app.get('/transfers/:id', { schema: { tags, params, response: { 200: transferDetailOut } } }, async (req) =>
      svc.detail(requireCtx(req, 'member.read'), req.params.id),
    );
    app.get('/transfers/:id/letter.docx', { schema: { tags, params } }, async (req, reply) => {
      const { buffer, fileName } = await svc.letter(requireCtx(req, 'member.read'), req.params.id);
      // ASCII fallback first for old clients, then the real Vietnamese name (RFC 6266 / 5987).
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      reply.header('content-disposition', `attachment; filename="giay-gioi-thieu-sinh-hoat-dang.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      return reply.send(buffer);
    });
    app.post('/transfers', { schema: { tags, body: proposeTransferIn, response: { 201: transferDetailOut } } }, async (req, reply) =>
      reply.status(201).send(await svc.propose(requireCtx(req, 'member.event'), req.body)),
    );
    app.post('/transfers/:id/steps', { schema: { tags, params, body: transferStepIn, response: { 200: transferDetailOut } } }, async (req) =>
      svc.step(requireCtx(req, 'member.event'), req.params.id, req.body),
    );
  };
}
