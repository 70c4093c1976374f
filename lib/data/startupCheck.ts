import { datasetsDir } from '../config';
import { missingRequiredFiles } from './datasetFiles';

/**
 * Run once when the server starts: a missing dataset stops start-up with one clear
 * message naming the file and the DATASETS_DIR variable.
 */
export function assertDatasetsPresent(): void {
  const problems = missingRequiredFiles(datasetsDir());
  if (problems.length > 0) {
    console.error(`[startup] ${problems[0]}`);
    process.exit(1);
  }
}
