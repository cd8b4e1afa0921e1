import type { Attachment } from '../../../shared/domain';

export type AttachmentKind = 'photo' | 'video' | 'audio' | 'file';

const KIND_NAMES: Record<AttachmentKind, string> = {
  photo: 'Photo',
  video: 'Video',
  audio: 'Voice note',
  file: 'File',
};

export function attachmentKind(contentType: string): AttachmentKind {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "512 B", "2 KB", "1.4 MB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} KB`;
  return `${oneDecimal.format(bytes / (1024 * 1024))} MB`;
}

/** What the thread shows for an attachment: its name (the file's, or its kind) and its details. */
export function describeAttachment(attachment: Attachment): { kind: AttachmentKind; name: string; details: string } {
  const kind = attachmentKind(attachment.contentType);
  const details = [attachment.contentType, attachment.size === null ? null : formatBytes(attachment.size)]
    .filter((part) => part !== null)
    .join(' · ');
  return { kind, name: attachment.filename?.trim() || KIND_NAMES[kind], details };
}
