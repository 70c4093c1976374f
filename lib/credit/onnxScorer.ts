import * as ort from 'onnxruntime-node';

/**
 * The served model: one ONNX Runtime session (model.onnx, an ai.onnx.ml TreeEnsembleRegressor)
 * that turns float32 feature rows into margins. Calls made in the same event-loop turn are
 * gathered into one batched run, so concurrent requests share a session call.
 */

export interface MarginScorer {
  /** Margins of n row-major feature rows. */
  margins(features: Float32Array, rows: number): Promise<Float32Array>;
  release(): Promise<void>;
}

interface Pending {
  readonly features: Float32Array;
  readonly rows: number;
  readonly resolve: (m: Float32Array) => void;
  readonly reject: (e: unknown) => void;
}

export async function openMarginScorer(
  modelPath: string,
  width: number,
  options: { inputName?: string; outputName?: string; threads?: number } = {},
): Promise<MarginScorer> {
  const inputName = options.inputName ?? 'features';
  const outputName = options.outputName ?? 'margin';
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });

  async function run(features: Float32Array, rows: number): Promise<Float32Array> {
    if (features.length !== rows * width) throw new Error(`expected ${rows}×${width} features, got ${features.length}`);
    if (rows === 0) return new Float32Array(0);
    const out = await session.run({ [inputName]: new ort.Tensor('float32', features, [rows, width]) });
    return out[outputName].data as Float32Array;
  }

  let queue: Pending[] = [];
  let scheduled = false;
  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 1) {
      const p = batch[0];
      run(p.features, p.rows).then(p.resolve, p.reject);
      return;
    }
    const total = batch.reduce((n, p) => n + p.rows, 0);
    const all = new Float32Array(total * width);
    let offset = 0;
    for (const p of batch) {
      all.set(p.features, offset * width);
      offset += p.rows;
    }
    run(all, total).then(
      (m) => {
        let o = 0;
        for (const p of batch) {
          p.resolve(m.slice(o, o + p.rows));
          o += p.rows;
        }
      },
      (e) => batch.forEach((p) => p.reject(e)),
    );
  }

  return {
    margins(features, rows) {
      if (features.length !== rows * width) {
        return Promise.reject(new Error(`expected ${rows}×${width} features, got ${features.length}`));
      }
      // big batches go straight to the session; small ones are gathered per event-loop turn
      if (rows >= 256) return run(features, rows);
      return new Promise((resolve, reject) => {
        queue.push({ features, rows, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    release: () => session.release(),
  };
}
