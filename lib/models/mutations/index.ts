export * from './create-model';
export * from './versions';
export * from './stage';
export * from './fairness';
export * from './datasets';
export * from './gate-policy';
export { rollbackModel } from '../rollback';
