#!/usr/bin/env bash
# npm run train:nlp [-- --quick] [-- --force] [-- --only STAGES] [-- --init-bert DIR --init-roberta DIR]
#
# 1. lib/nlp/cli/exportNlpData.ts  tokenizes products + corpus with transformers.js (Node);
#    training/nlp/export_names.ts   the product names alone
# 2. training/nlp/pipeline.py      TF-IDF baseline, pretraining, fine-tuning, ONNX export, metrics
# 3. lib/nlp/cli/checkNlpExport.ts parity PyTorch vs transformers.js, TF-IDF TS vs sklearn, latency
#
# Full mode writes models/nlp/; --quick writes data/.cache/nlp-quick/ only.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
# Idle OpenMP threads sleep instead of spinning: on a shared, busy CPU spinning threads waste the
# time slices their partner needs and torch runs ~3x slower (measured); negligible cost when idle.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
START=$(date +%s)
QUICK=()
for a in "$@"; do [ "$a" = "--quick" ] && QUICK=(--quick); done

eval "$($PY -m training.nlp.pipeline "${QUICK[@]}" --print-dirs)"
echo "[train:nlp] $(date '+%F %T') mode=${QUICK[*]:-full} data=$DATA_DIR out=$OUT_DIR"

T0=$(date +%s)
# shellcheck disable=SC2046
npx --no-install tsx lib/nlp/cli/exportNlpData.ts $($PY -m training.nlp.pipeline "${QUICK[@]}" --print-export-args)
# the names alone, tokenized the same way (every model also trains and is scored on them, issue #18)
npx --no-install tsx training/nlp/export_names.ts --data "$DATA_DIR"
echo "[train:nlp] data export: $(( $(date +%s) - T0 )) s"

T0=$(date +%s)
$PY -m training.nlp.pipeline "$@"
echo "[train:nlp] python pipeline: $(( $(date +%s) - T0 )) s"

T0=$(date +%s)
npx --no-install tsx lib/nlp/cli/checkNlpExport.ts --models "$OUT_DIR"
echo "[train:nlp] serving check: $(( $(date +%s) - T0 )) s"
echo "[train:nlp] total: $(( $(date +%s) - START )) s"
