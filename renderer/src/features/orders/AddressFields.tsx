import { Group, TextInput } from '@mantine/core';

export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  country: string;
}

type Props = { value: AddressDraft; onChange: (next: AddressDraft) => void };

/** A delivery address as typed; the shared rule (`validAddress`) says what is wrong with it. */
export function AddressFields({ value, onChange }: Props) {
  const field = (key: keyof AddressDraft, label: string, extra: { required?: boolean; maxLength?: number } = {}) => (
    <TextInput
      size="xs"
      label={label}
      {...extra}
      value={value[key]}
      onChange={(event) => onChange({ ...value, [key]: event.currentTarget.value })}
      data-testid={`address-${key}`}
    />
  );
  return (
    <>
      {field('line1', 'Street', { required: true })}
      {field('line2', 'Street, second line')}
      <Group grow gap="xs">
        {field('city', 'City', { required: true })}
        {field('postcode', 'Postcode', { required: true })}
        {field('country', 'Country (ISO code)', { required: true, maxLength: 2 })}
      </Group>
    </>
  );
}
