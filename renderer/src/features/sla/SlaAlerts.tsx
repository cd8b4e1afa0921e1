import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import type { EventPayload } from '../../../../shared/api';
import { useTransport } from '../../api/transport';
import { useUiStore } from '../../state/ui';

type Breach = EventPayload<'sla:breached'>['breaches'][number];

const KIND_WORDS: Record<Breach['kind'], string> = {
  first_response: 'first reply',
  next_response: 'reply',
  resolution: 'resolution',
};

/**
 * Tells a lead the moment a waiting customer passes their response target, or a conversation its
 * resolution target (the engine sends it to leads only).
 */
export function SlaAlerts() {
  const transport = useTransport();
  const selectConversation = useUiStore((state) => state.selectConversation);
  useEffect(
    () =>
      transport.on('sla:breached', ({ breaches }) => {
        const first = breaches[0];
        if (!first) return;
        const who = first.customerName.trim() || 'A customer';
        const what = breaches.every((breach) => breach.kind === 'resolution')
          ? 'Resolution target'
          : breaches.every((breach) => breach.kind !== 'resolution')
            ? 'Response target'
            : 'Service-level target';
        notifications.show({
          color: 'red',
          title: breaches.length === 1 ? `${what} passed` : `${breaches.length} ${what.toLowerCase()}s passed`,
          message:
            breaches.length === 1
              ? `${who}: ${KIND_WORDS[first.kind]} overdue. Click to open.`
              : `${who} and ${breaches.length - 1} more are past their target. Click to open the first.`,
          autoClose: 15_000,
          onClick: () => selectConversation(first.conversationId),
          style: { cursor: 'pointer' },
          'data-testid': 'sla-notification',
        });
      }),
    [transport, selectConversation],
  );
  return null;
}
