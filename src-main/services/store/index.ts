export {
  Store,
  vendorKey,
  type ExportRecord,
  type NewSnapshot,
  type SearchRow,
  type TextCorrectionRow,
} from './store';
export { migrate, latestVersion } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
