export { importFile, suggestVendorName, type ImportRequest, type Parser } from './import-service';
export { ParsePool } from './parse-pool';
