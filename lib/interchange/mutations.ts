// The interchange domain's writes other layers may call (the job queue's MLflow sync).
export { syncAllMlflow } from './mlflow/mutations';
