export { buildMatrix } from './build-matrix';
export { deadlinesToIcs, type DeadlineEvent } from './deadlines-ics';
export { diffEntries } from './diff-entries';
export { entityKeyFor, knownOfKeyFor } from './entity-keys';
export { objectionDeadline, type DeadlineInput } from './objection-deadline';
