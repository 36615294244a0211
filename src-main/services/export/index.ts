export { entriesCsv, flagsCsv } from './csv';
export {
  applyDecisionImport,
  previewDecisionImport,
  type DecisionChange,
  type DecisionImportPreview,
} from './import-decisions';
export {
  MATRIX_GRID_MAX_VENDORS,
  writeReviewWorkbook,
  type ExportOptions,
  type ExportResult,
} from './write-workbook';
