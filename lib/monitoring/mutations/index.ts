export { actOnAlert } from './alerts';
export { ingestEvidentlyReport, ingestRows, ingestWindows } from './ingest';
export { createMonitor, updateMonitor } from './monitors';
export { escalateBreaches, recordMissingData } from './time-rules';
