import { NumberInput, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { CHANNEL_LABELS, CHANNELS } from '../../../../shared/domain/channels';
import { SLA_KINDS, SLA_PRIORITIES, targetsOf } from '../../../../shared/domain/sla';
import type { SlaKind, SlaPolicy, SlaPriority } from '../../../../shared/domain/sla';
import { durationOf } from './slaForm';

const KIND_LABELS: Record<SlaKind, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};
const PRIORITY_LABELS: Record<SlaPriority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal' };

type Props = { policy: SlaPolicy; onChange: (policy: SlaPolicy) => void };

/** Each channel's targets for one priority at a time, in business minutes. */
export function SlaTargetsTable({ policy, onChange }: Props) {
  const [priority, setPriority] = useState<SlaPriority>('normal');
  return (
    <Stack gap={6}>
      <SegmentedControl
        aria-label="Priority whose targets are shown"
        size="xs"
        w="fit-content"
        data={SLA_PRIORITIES.map((value) => ({ value, label: PRIORITY_LABELS[value] }))}
        value={priority}
        onChange={(value) => setPriority(SLA_PRIORITIES.find((known) => known === value) ?? 'normal')}
      />
      <Table verticalSpacing={2} fz="sm" data-testid="sla-targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Channel</Table.Th>
            {SLA_KINDS.map((kind) => (
              <Table.Th key={kind}>{KIND_LABELS[kind]} (business minutes)</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CHANNELS.map((channel) => (
            <Table.Tr key={channel}>
              <Table.Td>{CHANNEL_LABELS[channel]}</Table.Td>
              {SLA_KINDS.map((kind) => {
                const value = targetsOf(policy, channel)[kind][priority];
                const label = `${KIND_LABELS[kind]}, ${CHANNEL_LABELS[channel]}, ${PRIORITY_LABELS[priority].toLowerCase()}`;
                return (
                  <Table.Td key={kind}>
                    <NumberInput
                      aria-label={label}
                      size="xs"
                      min={1}
                      max={86_400}
                      allowDecimal={false}
                      value={value}
                      rightSection={
                        <Text size="xs" c="dimmed" pr={6}>
                          {Number.isFinite(value) && value > 0 ? durationOf(value) : ''}
                        </Text>
                      }
                      rightSectionWidth={72}
                      onChange={(next) => {
                        const minutes = typeof next === 'number' ? next : Number.NaN;
                        const targets = targetsOf(policy, channel);
                        onChange({
                          ...policy,
                          targets: {
                            ...policy.targets,
                            [channel]: { ...targets, [kind]: { ...targets[kind], [priority]: minutes } },
                          },
                        });
                      }}
                      w={170}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
