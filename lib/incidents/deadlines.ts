// The deadline arithmetic other domains' statutory clocks share (privacy's
// data-subject requests): one engine, entered here.
export { clockState, type Clock } from './clocks';
export { addDuration, localDate, zonedInstant } from './rules/calendar';
export type { Duration } from './rules/language';
