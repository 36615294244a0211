export {
  importFile,
  suggestVendorName,
  type ImportOptions,
  type ImportRequest,
  type Parser,
} from './import-service';
export { ParsePool } from './parse-pool';
