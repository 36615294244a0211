/**
 * The names of every API method, without their schemas: the sandboxed preload imports only this, so
 * it stays free of npm modules. `ipc.ts` checks at compile time that its contract has exactly these.
 */
export const API_METHODS = [
  'app.info',
  'vendors.list',
  'vendors.get',
  'snapshots.list',
  'snapshots.source',
  'snapshots.import',
  'snapshots.importStart',
  'entries.list',
  'documents.parse',
  'review.get',
  'review.library',
  'decisions.record',
  'entries.correct',
  'entries.undoCorrection',
  'policy.get',
  'policy.save',
  'policy.export',
  'policy.import',
  'compare.diff',
  'compare.matrix',
  'compare.deadlinesIcs',
  'search.query',
  'export.start',
  'export.csv',
  'decisions.previewImport',
  'decisions.applyImport',
  'jobs.status',
  'jobs.cancel',
  'sources.fetch',
  'sources.planCheck',
  'sources.checkStart',
  'sources.history',
  'vendors.setUrl',
  'vendors.suggestUrl',
  'app.backup',
  'app.backups',
  'app.restore',
  'settings.get',
  'settings.set',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** Electron IPC channel for a method. */
export const channelOf = (m: ApiMethod): string => `api:${m}`;
