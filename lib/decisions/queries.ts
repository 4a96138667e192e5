// The decision log's reads other domains use (privacy: where a subject's data is).
export { findDecisionsBySubject } from './subjects';
