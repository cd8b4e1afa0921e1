import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import type { RejectedAction } from '../../../../shared/api';
import { useTransport } from '../../api/transport';
import { rejectionNotice } from '../../lib/rejections';

/** Refusals that arrive together (a drained outbox) make one notice, not a stack. */
const GATHER_MS = 250;

/** A notice the moment the server refuses an action; the header's list keeps it until dismissed. */
export function useRejectedNotifications(): void {
  const transport = useTransport();
  useEffect(() => {
    let batch: RejectedAction[] = [];
    let timer: number | null = null;
    const flush = () => {
      timer = null;
      const notice = rejectionNotice(batch);
      batch = [];
      if (!notice) return;
      notifications.show({
        color: 'orange',
        title: notice.title,
        message: notice.message,
        autoClose: 10_000,
        'data-testid': 'rejected-notification',
      });
    };
    const off = transport.on('outbox:rejected', (rejected) => {
      batch.push(rejected);
      timer ??= window.setTimeout(flush, GATHER_MS);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [transport]);
}
