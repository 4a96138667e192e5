export * from './matrix-cells';
export * from './library';
export * from './systems';
export * from './controls';
export * from './reviews';
export * from './crosswalk';
