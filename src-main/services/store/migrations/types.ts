export interface Migration {
  /** Multiples of 10, strictly increasing; also written to PRAGMA user_version. */
  version: number;
  name: string;
  up: string;
}
