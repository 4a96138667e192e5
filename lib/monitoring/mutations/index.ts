export { actOnAlert } from './alerts';
export { ingestEvidentlyReport, ingestRows, ingestWindows } from './ingest';
export { createMonitor } from './monitors';
export { escalateBreaches, recordMissingData } from './time-rules';
