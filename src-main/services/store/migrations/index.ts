import { migration0010 } from './0010-initial-schema';
import { migration0020 } from './0020-notice-business-days';
import { migration0030 } from './0030-settings';
import { migration0040 } from './0040-exports';
import { migration0050 } from './0050-search';
import { migration0060 } from './0060-vendor-source';
import { migration0070 } from './0070-corrections';
import { migration0080 } from './0080-latest-snapshot';
import type { Migration } from './types';

/** Every migration, in order. Forward only: a shipped migration is never edited, only followed. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
];

export type { Migration } from './types';
