import { Combobox, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useSearchMessages } from '../../api/search';
import { SearchHitView } from '../../components/SearchHitView';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';
import { useCommand } from '../keymap/registry';
import { useAriaKeys, useCommandKeys } from '../keymap/useCommandKeys';

/** Type-ahead search over every message; its command ("/" by default) focuses it, Enter opens the conversation. */
export function SearchBox() {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const search = useSearchMessages(debounced);
  const selectConversation = useUiStore((state) => state.selectConversation);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const inputRef = useRef<HTMLInputElement>(null);
  const now = useNow();

  const keys = useCommandKeys('search.focus');
  const aria = useAriaKeys('search.focus');
  useCommand('search.focus', () => inputRef.current?.focus());

  const hits = debounced.trim().length >= 2 ? (search.data?.hits ?? []) : [];
  const active = query.trim().length >= 2;

  const open = (messageId: string) => {
    const hit = hits.find((h) => h.messageId === messageId);
    if (!hit) return;
    selectConversation(hit.conversationId);
    combobox.closeDropdown();
    inputRef.current?.blur();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} width={420} position="bottom-start" shadow="md">
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          size="xs"
          w={300}
          aria-label="Search messages"
          aria-keyshortcuts={aria}
          placeholder="Search messages"
          leftSection={search.isFetching && active ? <Loader size={12} /> : <IconSearch size={14} />}
          rightSection={query === '' && keys[0] ? <Kbd size="xs">{keys[0].join('+')}</Kbd> : null}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setQuery('');
              inputRef.current?.blur();
            }
          }}
          data-testid="search-input"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!active}>
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {search.isError ? (
            <Combobox.Empty>
              <Text size="sm" c="red">
                {errorMessage(search.error)}
              </Text>
            </Combobox.Empty>
          ) : hits.length === 0 ? (
            <Combobox.Empty>{search.isFetching ? 'Searching…' : 'No messages match'}</Combobox.Empty>
          ) : (
            hits.map((hit) => (
              <Combobox.Option value={hit.messageId} key={hit.messageId} data-testid="search-hit">
                <SearchHitView hit={hit} now={now} />
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
