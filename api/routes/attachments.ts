import { Router } from 'express';
import { getAttachment, listAttachments } from '../../engine/attachments';
import type { EngineContext } from '../../engine/context';
import { actorOf } from '../auth';
import { acceptsQuery, pathParam } from '../request';

/**
 * The files mails brought to an instance (a request's, or a reply's), for whoever may read the
 * instance: the list, and each file's bytes as they came.
 */
export function attachmentRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();

  for (const base of ['/instances', '/requests']) {
    router.get(`${base}/:id/attachments`, noQuery, async (request, response) => {
      const attachments = await listAttachments(context.db, pathParam(request.params, 'id'), actorOf(response));
      response.json({
        items: attachments.map((attachment) => ({
          id: attachment.id,
          instanceId: attachment.instanceId,
          commentId: attachment.commentId,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          size: attachment.size,
          createdAt: attachment.createdAt.toISOString(),
        })),
        nextCursor: null,
      });
    });

    router.get(`${base}/:id/attachments/:attachmentId`, noQuery, async (request, response) => {
      const attachment = await getAttachment(
        context.db,
        pathParam(request.params, 'id'),
        pathParam(request.params, 'attachmentId'),
        actorOf(response),
      );
      // The sender chose the type and the bytes: a download, never a page a browser would run.
      response
        .status(200)
        .attachment(attachment.fileName)
        .type(attachment.contentType)
        .set('Content-Security-Policy', "default-src 'none'; sandbox")
        .send(attachment.content);
    });
  }

  return router;
}
