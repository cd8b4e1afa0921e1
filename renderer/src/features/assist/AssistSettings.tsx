import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRobot } from '@tabler/icons-react';
import { useState } from 'react';
import type { AssistSettings as Settings } from '../../../../shared/api';
import { useAssistSettings, useSaveAssistSettings, useTestAssist } from '../../api/assist';
import { useSession } from '../../api/session';
import { errorMessage } from '../../transport';

/** The header button (admins only) and the dialog that sets up the optional language model. */
export function AssistSettings() {
  const session = useSession();
  const [opened, setOpened] = useState(false);
  const isAdmin = session.data?.user?.role === 'admin';
  const settings = useAssistSettings(isAdmin && opened);
  if (!isAdmin) return null;
  return (
    <>
      <Tooltip label="Language model for suggested replies">
        <ActionIcon
          variant="subtle"
          color="gray"
          size="md"
          aria-label="Language model settings"
          onClick={() => setOpened(true)}
          data-testid="assist-settings-button"
        >
          <IconRobot size={16} stroke={1.7} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Language model" size="lg">
        {settings.isPending && <Text size="sm">Loading the settings…</Text>}
        {settings.isError && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />}>
            {errorMessage(settings.error)}
          </Alert>
        )}
        {settings.data && <AssistForm settings={settings.data} />}
      </Modal>
    </>
  );
}

function AssistForm({ settings }: { settings: Settings }) {
  const [enabled, setEnabled] = useState(settings.enabled);
  const [url, setUrl] = useState(settings.url);
  const [model, setModel] = useState(settings.model);
  const [key, setKey] = useState('');
  const save = useSaveAssistSettings();
  const test = useTestAssist();

  const submit = (removeKey = false) => {
    test.reset();
    save.mutate({ enabled: removeKey ? false : enabled, url, model, key: removeKey ? null : key || undefined });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Any OpenAI-compatible chat-completions endpoint may phrase suggested replies, from the same facts Caredesk
          uses. Each phrased reply passes the same grounding check; when the model is slower than 3 s or a reply fails
          the check, Caredesk’s own wording is used. While this is off, no customer data leaves this machine.
        </Text>
        <Switch
          label="Phrase suggested replies with the language model"
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
          data-testid="assist-enabled"
        />
        <TextInput
          label="Endpoint URL"
          description="The API’s base URL; /chat/completions is added"
          placeholder="https://api.example.com/v1"
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          data-testid="assist-url"
        />
        <TextInput
          label="Model"
          placeholder="model name"
          value={model}
          onChange={(event) => setModel(event.currentTarget.value)}
          data-testid="assist-model"
        />
        <PasswordInput
          label="API key"
          description={
            settings.keyStore === 'keychain'
              ? 'Kept in this computer’s keychain.'
              : 'No keychain is available: the key is kept until Caredesk quits.'
          }
          placeholder={settings.hasKey ? 'A key is saved; type a new one to replace it' : 'sk-…'}
          value={key}
          onChange={(event) => setKey(event.currentTarget.value)}
          data-testid="assist-key"
        />
        {save.isError && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="assist-error">
            {errorMessage(save.error)}
          </Alert>
        )}
        {save.isSuccess && !test.data && (
          <Text size="sm" c="teal" data-testid="assist-saved">
            Saved. {save.data.enabled ? 'Suggested replies are phrased by the model.' : 'The language model is off.'}
          </Text>
        )}
        {test.data && (
          <Alert
            color={test.data.ok ? 'teal' : 'red'}
            icon={test.data.ok ? <IconCircleCheck size={16} /> : <IconAlertTriangle size={16} />}
            data-testid="assist-test-result"
          >
            {test.data.message}
          </Alert>
        )}
        {test.isError && <Alert color="red">{errorMessage(test.error)}</Alert>}
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="red"
            disabled={!settings.hasKey || save.isPending}
            onClick={() => submit(true)}
          >
            Remove key and turn off
          </Button>
          <Group gap="xs">
            <Button
              variant="default"
              loading={test.isPending}
              disabled={!settings.enabled}
              onClick={() => test.mutate()}
            >
              Test
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="assist-save">
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
