import { Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Customer } from '../../../../shared/domain';
import { sameName } from '../../../../shared/sync/http';
import { useEraseCustomer } from '../../api/customers';
import { FailedLine } from '../merge/StateLines';

type Props = {
  opened: boolean;
  onClose: () => void;
  customer: Customer;
  orderCount: number;
};

/**
 * "Erase customer…" (admins): says what goes, asks for the customer's name, then asks the server
 * to erase them. Offline or refused, the server's words are shown and nothing is erased.
 */
export function EraseCustomerDialog({ opened, onClose, customer, orderCount }: Props) {
  const [typed, setTyped] = useState('');
  const erase = useEraseCustomer();
  const matches = sameName(typed, customer.name);
  const close = () => {
    setTyped('');
    erase.reset();
    onClose();
  };
  const confirm = () => {
    if (!matches || erase.isPending) return;
    erase.mutate(
      { customerId: customer.id, confirmName: typed },
      {
        onSuccess: (result) => {
          close();
          // Erased either way; an operator must finish the job when the tables could not be compacted.
          notifications.show(
            result.vacuumed
              ? { message: `${customer.name} was erased.`, color: 'teal' }
              : {
                  title: `${customer.name} was erased, but not yet from the database files`,
                  message:
                    'The server could not compact its tables, so old copies stay on its disk until an operator runs VACUUM FULL (server README, "Erasure").',
                  color: 'yellow',
                  autoClose: false,
                },
          );
        },
      },
    );
  };
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Erase ${customer.name}?`}
      size={480}
      centered
      data-testid="erase-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">This removes, for everyone and for good:</Text>
          <List size="sm" spacing={2}>
            <List.Item>
              their name and {plural(customer.identities.length, 'identity')} (phones, emails, handles)
            </List.Item>
            <List.Item>{plural(orderCount, 'order')}</List.Item>
            <List.Item>every conversation with them, its messages, notes and attachments</List.Item>
            <List.Item>suggestions pointing at them in other conversations</List.Item>
          </List>
          <Text size="sm" c="dimmed">
            The audit log keeps only that you erased a customer, and when. It cannot be undone.
          </Text>
          <TextInput
            data-autofocus
            label={`Type ${customer.name} to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid="erase-confirm-name"
          />
          {erase.isError && <FailedLine title="Not erased" error={erase.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="red"
              leftSection={<IconTrash size={14} />}
              disabled={!matches}
              loading={erase.isPending}
              data-testid="erase-confirm"
            >
              Erase customer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
