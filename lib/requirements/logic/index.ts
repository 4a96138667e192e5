export * from './rules';
export * from './oscal';
