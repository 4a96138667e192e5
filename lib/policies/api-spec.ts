// The policy domain's /api/v1 operations: the governance roles, contributed through this entry point.
export { governanceApi } from './governance/api-spec';
