import { Type } from '@sinclair/typebox';
import { type AttachmentSummary, getAttachment, listAttachments } from '../../engine/attachments';
import type { EngineContext } from '../../engine/context';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { type AttachmentJson, AttachmentPage } from '../contract/service-schemas';

/** `/instances/:id/attachments` and `/requests/:id/attachments` are one list, under each of the names a reader knows. */
const ATTACHMENT_OWNERS = [
  { base: '/instances', noun: 'Instance', what: 'an instance' },
  { base: '/requests', noun: 'Request', what: 'a request (its instance)' },
] as const;

/**
 * The files mails brought to an instance (a request's, or a reply's), for whoever may read the
 * instance: the list, and each file's bytes as they came.
 */
export function attachmentRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['attachments'];

  for (const { base, noun, what } of ATTACHMENT_OWNERS) {
    api.get(
      `${base}/:id/attachments`,
      {
        operationId: `list${noun}Attachments`,
        summary: `The files mails brought to ${what}, oldest first`,
        description: 'Whoever may read the instance reads them; one page, never a cursor.',
        tags,
        result: AttachmentPage,
        links: {
          downloadFirst: {
            operationId: `get${noun}Attachment`,
            parameters: { id: '$request.path.id', attachmentId: '$response.body#/items/0/id' },
          },
        },
      },
      async ({ params }, _request, response) => {
        const attachments = await listAttachments(context.db, params.id, actorOf(response));
        return { items: attachments.map(attachmentJson), nextCursor: null };
      },
    );

    api.get(
      `${base}/:id/attachments/:attachmentId`,
      {
        operationId: `get${noun}Attachment`,
        summary: `Download a file a mail brought to ${what}, as it came`,
        description:
          'Sent as a download (`Content-Disposition: attachment`) with the type the sender gave it, and sandboxed: ' +
          'never a page a browser would run.',
        tags,
        resultMediaType: {
          mediaType: '*/*',
          schema: Type.String({ contentMediaType: 'application/octet-stream' }),
          description: "the file's bytes, with its `contentType`",
        },
      },
      async ({ params }, _request, response) => {
        const attachment = await getAttachment(context.db, params.id, params.attachmentId, actorOf(response));
        // The sender chose the type and the bytes: a download, never a page a browser would run.
        response
          .status(200)
          .attachment(attachment.fileName)
          .type(attachment.contentType)
          .set('Content-Security-Policy', "default-src 'none'; sandbox")
          .send(attachment.content);
      },
    );
  }

  return api;
}

function attachmentJson(attachment: AttachmentSummary): AttachmentJson {
  return {
    id: attachment.id,
    instanceId: attachment.instanceId,
    commentId: attachment.commentId,
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    size: attachment.size,
    createdAt: attachment.createdAt.toISOString(),
  };
}
