import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { datasetsDir } from '@/lib/config';

/**
 * Proves on a clean machine that the native ONNX Runtime bindings and transformers.js load
 * and compute (the CUDA download of onnxruntime-node's install script is skipped by .npmrc).
 */

// y = relu(x * [0.5, -1]) — serialised once with Python's onnx package (opset 13).
const TINY_MODEL_BASE64 =
  'CAgSBXNtb2tlOl4KDgoBeAoBdxIBbSIDTXVsCgwKAW0SAXkiBFJlbHUSBXNtb2tlKhEIAhABIggAAAA/AACAv0IBd1oRCgF4EgwKCggBEgYKAAoCCAJiEQoBeRIMCgoIARIGCgAKAggCQgQKABAN';

describe('native runtimes', () => {
  test('onnxruntime-node runs a model on the CPU backend', async () => {
    const session = await ort.InferenceSession.create(Buffer.from(TINY_MODEL_BASE64, 'base64'));
    const x = new ort.Tensor('float32', Float32Array.from([2, 3, -4, -5]), [2, 2]);
    const { y } = await session.run({ x });
    expect(Array.from(y.data as Float32Array)).toEqual([1, 0, 0, 5]);
    await session.release();
  });

  test('transformers.js tokenises with the local bert-base-uncased files, remote loading off', async () => {
    const { AutoTokenizer, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = path.join(datasetsDir(), '..', 'tokenizers');
    const tokenizer = await AutoTokenizer.from_pretrained('bert-base-uncased');
    expect(tokenizer.encode('Hello world')).toEqual([101, 7592, 2088, 102]);
  });
});
