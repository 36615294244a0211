import type { Migration } from './types';

/** Some pages promise notice in business days ("10 business days"); deadlines must count those. */
export const migration0020: Migration = {
  version: 20,
  name: 'notice-business-days',
  up: `ALTER TABLE snapshots ADD COLUMN notice_business_days INTEGER NOT NULL DEFAULT 0
         CHECK (notice_business_days IN (0, 1));`,
};
