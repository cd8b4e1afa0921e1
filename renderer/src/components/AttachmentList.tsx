import { IconFile, IconHeadphones, IconMovie, IconPhoto } from '@tabler/icons-react';
import type { Attachment } from '../../../shared/domain';
import { describeAttachment } from '../lib/attachments';
import type { AttachmentKind } from '../lib/attachments';
import classes from './Message.module.css';
import { WebLink } from './WebLink';

const ICONS: Record<AttachmentKind, typeof IconPhoto> = {
  photo: IconPhoto,
  video: IconMovie,
  audio: IconHeadphones,
  file: IconFile,
};

/**
 * What came with a message, by reference: each opens where the provider serves it (outside the
 * app), or says that only the provider holds it.
 */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  return (
    <ul className={classes.attachments} aria-label="Attachments" data-testid="attachments">
      {attachments.map((attachment, index) => {
        const { kind, name, details } = describeAttachment(attachment);
        const Icon = ICONS[kind];
        return (
          <li key={index} data-testid="attachment" data-kind={kind}>
            <WebLink
              url={attachment.url}
              className={classes.attachment}
              title={`Open ${name} where the provider keeps it`}
              fallbackTitle={
                attachment.providerMediaId
                  ? `Kept by the provider as ${attachment.providerMediaId}; open it there`
                  : 'Kept by the provider; open it there'
              }
            >
              <Icon size={14} aria-hidden />
              <span className={classes.attachmentName}>{name}</span>
              <span className={classes.attachmentDetails}>{details}</span>
            </WebLink>
          </li>
        );
      })}
    </ul>
  );
}
