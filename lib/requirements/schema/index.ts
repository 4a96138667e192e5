// Inputs and views of the requirements domain. Pure (safe for the client).
export * from './vocabulary';
export * from './matrix';
export * from './library';
export * from './systems';
export * from './controls';
export * from './reviews';
export * from './imports';
export * from './crosswalk';
export { AREAS, RELATIONSHIP_LABELS, RELATIONSHIPS, SYSTEM_ROLE_LABELS, SYSTEM_ROLES } from '../library-schema';
export { citeRequirement, type Citable } from '../citation';
export { statusFromControls } from '../logic/rules';
