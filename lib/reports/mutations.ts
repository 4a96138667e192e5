import 'server-only';

// Writes of the reports domain: Statement of Applicability decisions and approvals.
export { approveStatementOfApplicability, setSoaEntry } from './soa';
