import { migration001 } from './001_init';
import { migration002 } from './002_provider_ids_per_channel';
import { migration003 } from './003_actions';
import { migration004 } from './004_lookups_and_audit';
import { migration005 } from './005_personal_scope';
import { migration006 } from './006_identities_by_kind';
import { migration007 } from './007_channel_details';
import { migration008 } from './008_channel_accounts';
import { migration009 } from './009_team_resolutions';
import { migration010 } from './010_merges';
import { migration011 } from './011_outbound_sends';
import { migration012 } from './012_link_suggestions';
import { migration013 } from './013_refund_limits';
import { migration014 } from './014_audit_erasure';
import { migration015 } from './015_routing';
import { migration016 } from './016_user_active';
import { migration017 } from './017_csat';
import { migration018 } from './018_priority';
import { migration019 } from './019_team_sla';
import { migration020 } from './020_sender_identity';
import { migration021 } from './021_order_sources';
import { migration022 } from './022_store_writes';
import { migration023 } from './023_inbound_identity_index';
import { migration024 } from './024_message_suggestion';
import { migration025 } from './025_early_statuses';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Add new ones at the end. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
  migration025,
];
