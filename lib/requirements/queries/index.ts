export * from './matrix';
export * from './library';
export * from './systems';
export * from './controls';
export * from './reviews';
export * from './imports';
export * from './crosswalk';
