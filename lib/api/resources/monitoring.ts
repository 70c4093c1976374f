import { backtestReport, newApplicationsReport, referenceProfile, StabilityAccumulator } from '../../monitoring/stability';
import type { RawValue } from '../../data/columnarTable';
import { requireCreditEngine } from '../creditEngine';
import type { RawApplicationInput } from '../schemas/applicationFields';
import { jsonBodyResponse } from '../responseCache';
import { WorkSlicer } from '../work';

/** GET /api/v1/monitoring (the new applications, with the back-test) and POST (a CSV batch) — the one report of lib/monitoring. */

let newApplicationsText: Promise<string> | undefined;

/** The report of the new applications never changes while the process runs: serialised once. */
export async function newApplicationsMonitoring(): Promise<Response> {
  await requireCreditEngine(); // 503 when the model is not available
  newApplicationsText ??= Promise.all([newApplicationsReport(), backtestReport()]).then(
    ([stability, backtest]) => JSON.stringify({ stability, backtest }),
    (err: unknown) => {
      newApplicationsText = undefined;
      throw err;
    },
  );
  return jsonBodyResponse(await newApplicationsText);
}

const SLICE = 512;

/** The report of a batch of validated applications, scored a slice at a time. */
export async function batchMonitoring(items: readonly RawApplicationInput[], signal: AbortSignal | undefined): Promise<Response> {
  const engine = await requireCreditEngine();
  const profile = await referenceProfile();
  const accumulator = new StabilityAccumulator(profile);
  const slicer = new WorkSlicer(signal);
  const values: RawValue[] = new Array<RawValue>(profile.fields.length);
  for (let start = 0; start < items.length; start += SLICE) {
    await slicer.maybeYield();
    const chunk = items.slice(start, start + SLICE);
    const scores = await engine.scoreApplications(chunk as never);
    chunk.forEach((item, k) => {
      profile.fields.forEach((f, i) => (values[i] = item[f] ?? null));
      accumulator.add(values, scores[k].probability);
    });
  }
  return jsonBodyResponse(JSON.stringify({ stability: accumulator.report(`a batch of ${items.length} applications (POST /api/v1/monitoring)`) }));
}
