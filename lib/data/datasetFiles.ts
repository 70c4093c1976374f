import fs from 'node:fs';
import path from 'node:path';
import { datasetsDir } from '../config';
import { DatasetError, missingFileMessage } from './errors';

/** Locations of the shared dataset files, relative to DATASETS_DIR. */
export const DATASET_FILES = {
  applicationTrain: 'home-credit/application_train.csv',
  applicationTest: 'home-credit/application_test.csv',
  columnsDescription: 'home-credit/HomeCredit_columns_description.csv',
  provenance: 'home-credit/application_train_provenance.csv',
  relatedDir: 'home-credit/related',
  flipkart: 'flipkart/flipkart_com-ecommerce_sample_1050.csv',
} as const;

/** Files the application cannot start without. */
export const REQUIRED_FILES: readonly string[] = [
  DATASET_FILES.applicationTrain,
  DATASET_FILES.applicationTest,
  DATASET_FILES.columnsDescription,
  DATASET_FILES.flipkart,
];

/** Absolute path of a dataset file; throws a DatasetError naming the file and DATASETS_DIR when absent. */
export function datasetPath(relative: string, dir: string = datasetsDir()): string {
  const full = path.join(/*turbopackIgnore: true*/ dir, relative);
  if (!fs.existsSync(full)) throw new DatasetError(relative, missingFileMessage(relative, dir));
  return full;
}

/** Checks every required file; returns the one-line messages of those missing (empty when all are there). */
export function missingRequiredFiles(dir: string = datasetsDir()): string[] {
  if (!fs.existsSync(dir)) {
    return [
      `DATASETS_DIR "${dir}" does not exist; set the DATASETS_DIR environment variable to the folder ` +
        'that holds home-credit/ and flipkart/ (by default ../shared/datasets).',
    ];
  }
  return REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(/*turbopackIgnore: true*/ dir, f))).map((f) => missingFileMessage(f, dir));
}
