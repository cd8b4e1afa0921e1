import { Alert, Group } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEngineLink } from '../api/transport';
import { Brand } from '../components/Brand';
import { AdminButton } from '../features/admin/AdminButton';
import { AdminScreen } from '../features/admin/AdminScreen';
import { AssistSettings } from '../features/assist/AssistSettings';
import { ConsoleButton } from '../features/console/ConsoleButton';
import { LeadConsole } from '../features/console/LeadConsole';
import { ConversationPane } from '../features/conversation/ConversationPane';
import { UndoResolve } from '../features/conversation/resolveAndNext';
import { CustomerPanel } from '../features/customer/CustomerPanel';
import { InboxPane } from '../features/inbox/InboxPane';
import { KeymapLayer } from '../features/keymap/KeymapLayer';
import { RejectedActions } from '../features/outbox/RejectedActions';
import { PresenceProvider } from '../features/presence/PresenceProvider';
import { SearchBox } from '../features/search/SearchBox';
import { ShortcutsHelp } from '../features/shortcuts/ShortcutsHelp';
import { SlaAlerts } from '../features/sla/SlaAlerts';
import { ColorSchemeToggle } from '../features/status/ColorSchemeToggle';
import { ConnectionStatus } from '../features/status/ConnectionStatus';
import { OfflineNotice } from '../features/status/OfflineNotice';
import { NotificationsButton } from '../features/unread/NotificationsButton';
import { UnreadTracker } from '../features/unread/UnreadTracker';
import { UserBox } from '../features/status/UserBox';
import { DraftKeeper } from '../features/composer/DraftKeeper';
import { useUiStore } from '../state/ui';
import classes from './Workspace.module.css';

/**
 * Header over three columns (inbox, conversation, customer), the lead console or the admin screen; every shortcut
 * goes through the keymap layer.
 */
export function Workspace() {
  const link = useEngineLink();
  const view = useUiStore((state) => state.view);
  return (
    <PresenceProvider>
      <KeymapLayer />
      <UndoResolve />
      <UnreadTracker />
      <DraftKeeper />
      <SlaAlerts />
      <div className={classes.shell}>
        <header className={classes.header}>
          <Brand />
          <SearchBox />
          <ConnectionStatus />
          <RejectedActions />
          <div className={classes.spacer} />
          <Group gap={6} wrap="nowrap">
            <ConsoleButton />
            <AdminButton />
            <NotificationsButton />
            <ShortcutsHelp />
            <AssistSettings />
            <ColorSchemeToggle />
            <UserBox />
          </Group>
        </header>
        <div>
          {link.state !== 'connected' && (
            <Alert
              color="red"
              variant="light"
              radius={0}
              py={6}
              icon={<IconPlugConnectedX size={16} />}
              role="alert"
              data-testid="engine-lost"
              style={{ borderBottom: '1px solid var(--mantine-color-red-outline)' }}
            >
              {link.detail}
            </Alert>
          )}
          <OfflineNotice />
        </div>
        {view === 'console' ? (
          <main className={classes.console}>
            <LeadConsole />
          </main>
        ) : view === 'admin' ? (
          <main className={classes.console}>
            <AdminScreen />
          </main>
        ) : (
          <main className={classes.columns}>
            <InboxPane />
            <ConversationPane />
            <CustomerPanel />
          </main>
        )}
      </div>
    </PresenceProvider>
  );
}
