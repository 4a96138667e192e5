export * from './rules';
export * from './csv';
export * from './oscal';
