export { entriesCsv, flagsCsv } from './csv';
export {
  applyDecisionImport,
  previewDecisionImport,
  type DecisionChange,
  type DecisionImportPreview,
} from './import-decisions';
export { writeReviewWorkbook, type ExportOptions, type ExportResult } from './write-workbook';
