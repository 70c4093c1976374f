/**
 * Raised when a dataset is missing or malformed. The message always names the file
 * (and the line when the content is at fault) so that start-up can print one clear line.
 */
export class DatasetError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, message: string, line?: number) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'DatasetError';
    this.file = file;
    this.line = line;
  }
}

export function missingFileMessage(file: string, datasetsDir: string): string {
  return (
    `dataset file not found: ${file}. ` +
    `DATASETS_DIR is "${datasetsDir}"; set the DATASETS_DIR environment variable to the folder ` +
    `that holds home-credit/ and flipkart/ (by default ../shared/datasets).`
  );
}
