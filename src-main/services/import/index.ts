export {
  importBatch,
  importFile,
  type BatchFileResult,
  type BatchItem,
  type BatchOptions,
  suggestVendorName,
  type ImportOptions,
  type ImportRequest,
  type Parser,
} from './import-service';
export { ParsePool } from './parse-pool';
