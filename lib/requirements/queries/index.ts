export * from './matrix';
export * from './library';
export * from './systems';
export * from './controls';
export * from './reviews';
export * from './imports';
export * from './crosswalk';

// The statement tree the OSCAL import writes, for the OSCAL export (lib/interchange).
export { asStatement, type StatementNode } from '../logic/oscal';
