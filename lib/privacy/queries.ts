// The privacy domain's reads that other domains use (its entry point for them).
export { privacyReviewFigures } from './retention/queries';
