import type { Dictionary } from '../fr';

/** Technology watch strings (English, same shape as the French reference). */
export const watch: Dictionary['watch'] = {
  title: 'Technology watch: RoBERTa or BERT to classify our products?',
  metaDescription:
    'BERT (2018) and RoBERTa (2019) pretrained at small scale and fine-tuned on 1,050 Flipkart products, compared with a TF-IDF baseline, with a live demo.',
  lead: 'Should we adopt RoBERTa (2019) rather than BERT (2018) to classify our products from their name and description? This proof of concept explains both techniques, reproduces them at small scale with the same compute budget, compares them with a classical baseline (TF-IDF) on 1,050 Flipkart products, and lets you try them.',
  quickWarning:
    'Demonstration results: the served models come from the quick mode (tiny encoders, seconds of training). The figures below support no conclusion; they will be replaced by those of the full training.',
  pending:
    'The training results are not available yet ({reason}): they will appear here once npm run train:nlp has written metrics.json in the models folder.',
  missingFile: '{file} is missing',
  generatedAt: 'Results produced on {date} ({mode} mode).',
  modeNames: { quick: 'quick', full: 'full' },
  noteLink: 'Read the methodology note (printable)',
  toc: {
    label: 'Contents of the page',
    concepts: 'Concepts',
    data: 'Data',
    results: 'Results',
    demo: 'Demo',
    conclusion: 'Limits and conclusion',
  },
  modelNames: { tfidf: 'TF-IDF', bert: 'BERT', roberta: 'RoBERTa', bert_dynamic: 'BERT + dynamic masking' },
  modelLong: {
    tfidf: 'TF-IDF (words and character n-grams) + logistic regression',
    bert: 'Encoder pretrained with the BERT recipe, then fine-tuned',
    roberta: 'Encoder pretrained with the RoBERTa recipe, then fine-tuned',
  },
  showData: 'Show the data',
  concepts: {
    heading: '1. Concepts',
    transformer: {
      heading: 'The Transformer',
      paragraphs: [
        'The Transformer (Vaswani et al., 2017, “Attention Is All You Need”) replaces recurrence with attention: the new representation of each position of a sequence is a weighted average of the representations of all positions, with weights computed from the content. All positions are processed in parallel, which makes training much faster than for recurrent networks.',
        'An encoder layer chains multi-head self-attention and a small network applied at each position (feed-forward), each wrapped in a residual connection and a normalisation. Word order comes from position encodings added to the token embeddings (sinusoidal in the original paper, learned in BERT and RoBERTa).',
        'BERT and RoBERTa use the encoder stack only: each token sees the whole text, left and right. To classify a text, a classification layer reads the representation of the first token ([CLS] for BERT, <s> for RoBERTa).',
      ],
    },
    attention: {
      heading: 'Self-attention, live',
      paragraphs: [
        'Each token is projected into three vectors: a query q, a key k and a value v. The attention weight from token i to token j is the softmax, over all j, of the dot product qᵢ · kⱼ divided by √dₖ (dₖ: key dimension); the output of token i is the sum of the values vⱼ weighted by these weights.',
        'Several attention heads work in parallel, each with its own projections: each head can learn one kind of relation (neighbouring word, start of the text, same word further on…). Their outputs are concatenated and projected.',
      ],
      formula: 'Attention(Q, K, V) = softmax(Q·Kᵀ / √dₖ) · V',
      formulaLabel: 'Attention formula (Vaswani et al., 2017, equation 1)',
      liveIntro:
        'The map below is computed when the page is rendered by the {model} model served by this application, on the real product “{name}”. In the demo, you can compute it again on your own text and choose the layer and head.',
      unavailable: 'No encoder is available on this server: the attention map will appear once the models are installed.',
    },
    bert: {
      heading: 'BERT: pretrain an encoder, then fine-tune it',
      paragraphs: [
        'BERT (Devlin et al., 2019, “Bidirectional Encoder Representations from Transformers”) pretrains an encoder on unlabelled text with two self-supervised tasks, then fine-tunes it on the target task with a simple classification layer on top. Two sizes: BERT-base (12 layers, 768 dimensions, 12 heads, 110M parameters) and BERT-large (24 layers, 1,024 dimensions, 16 heads, 340M).',
        'Data: BooksCorpus (800M words) and English Wikipedia (2,500M words), about 16 GB of text, split into 30,000 WordPiece units (frequent words whole, other words as sub-words prefixed with ##). Training: 1M steps of 256 sequences, sequences of 128 tokens for 90% of the steps, then 512.',
      ],
      mlmTitle: 'Masked language model (MLM)',
      mlm: '15% of the tokens are chosen; 80% of them are replaced with [MASK], 10% with a random token and 10% are left unchanged; the model must recover the original token from the context on both sides. Masks are drawn once, when the data is prepared (static masking).',
      nspTitle: 'Next sentence prediction (NSP)',
      nsp: 'The input is a pair of segments, [CLS] A [SEP] B [SEP]; in 50% of cases B really follows A, otherwise B comes from another document; the model must tell which, from [CLS]. The idea: learn relations between sentences useful for question answering and inference.',
    },
    roberta: {
      heading: 'What RoBERTa changed',
      intro:
        'RoBERTa (Liu et al., 2019, “A Robustly Optimized BERT Pretraining Approach”, arXiv:1907.11692) keeps BERT’s architecture and revisits the pretraining recipe. The authors’ conclusion: BERT was significantly undertrained, and design choices matter as much as the architecture. The five changes:',
      changes: [
        {
          title: '10× more data, longer training',
          text: '160 GB of text instead of 16 GB: BooksCorpus + Wikipedia (16 GB), CC-News (76 GB), OpenWebText (38 GB) and Stories (31 GB). At a fixed batch size (8K), going from 16 to 160 GB and then from 100K to 500K steps improves every task measured (Table 4).',
        },
        {
          title: 'Dynamic masking',
          text: 'A new mask is drawn each time a sequence is fed to the model, instead of a mask fixed once and for all (in the authors’ static re-implementation the data is duplicated 10 times to vary the masks). Comparable or slightly better results (Table 1), and above all needed when training longer on more data.',
        },
        {
          title: 'No more NSP',
          text: 'Sequences filled with contiguous sentences up to 512 tokens, without the NSP task (FULL-SENTENCES), match or beat the original format with NSP (Table 2). DOC-SENTENCES (not crossing document boundaries) is barely better but gives variable batch sizes: RoBERTa keeps FULL-SENTENCES.',
        },
        {
          title: 'Much larger batches',
          text: '8K sequences per step instead of 256, with a higher learning rate and β₂ = 0.98 for stability. At the same number of passes over the data, batches of 2K (125K steps) beat 256 (1M steps) in perplexity and on MNLI and SST-2 (Table 3); large batches also parallelise better.',
        },
        {
          title: 'Byte-level BPE',
          text: 'A 50K-unit vocabulary built on bytes (as in GPT-2) instead of 30K WordPiece: any text is encoded without unknown tokens or preprocessing. The authors note slightly worse results on some tasks but keep this universal encoding.',
        },
      ],
      tablesHeading: 'The paper’s figures',
      tableCaptions: {
        masking: 'Table 1 of the paper: static or dynamic masking, BERT-base (SQuAD 2.0: F1; MNLI-m and SST-2: accuracy)',
        nsp: 'Table 2 of the paper: input format and NSP, base models on BooksCorpus + Wikipedia (SQuAD: F1; others: accuracy)',
        batch: 'Table 3 of the paper: batch size at the same number of passes over the data (ppl: perplexity on held-out training data)',
        glue: 'Table 5 of the paper: GLUE development sets, single-task models (MNLI-m: accuracy; CoLA: Matthews correlation; STS: Pearson correlation; others: accuracy)',
        hyper:
          'Pretraining hyper-parameters: RoBERTa-large (appendix, Table 9) and BERT (Devlin et al., 2019; setup recalled in section 2.4 of the RoBERTa paper)',
        data: 'Pretraining data (section 3.2 of the paper)',
      },
      setting: 'Setting',
      maskingRows: ['reference (BERT-base, Devlin et al.)', 'static', 'dynamic'],
      batchColumns: ['Batch size', 'Steps', 'Learning rate', 'ppl', 'MNLI-m', 'SST-2'],
      hyperColumns: ['Hyper-parameter', 'BERT (large / base)', 'RoBERTa-large'],
      hyperRows: {
        layers: 'Layers',
        hidden: 'Hidden size',
        ffn: 'Feed-forward size',
        heads: 'Attention heads',
        batch: 'Batch size (sequences)',
        steps: 'Training steps',
        peakLr: 'Peak learning rate',
        warmup: 'Warm-up steps',
        beta2: 'Adam β₂',
        epsilon: 'Adam ε',
        weightDecay: 'Weight decay',
        dropout: 'Dropout',
        seqLength: 'Sequence length (tokens; BERT: 128 for 90% of the steps)',
        data: 'Data (GB)',
        vocab: 'Vocabulary (BERT: WordPiece; RoBERTa: byte-level BPE)',
      },
      dataColumns: ['Source', 'Size (GB)', 'Used by BERT'],
      yes: 'yes',
      no: 'no',
      total: 'RoBERTa total',
      totalValue: 'over 160',
    },
    ours: {
      heading: 'Our small-scale reproduction',
      intro:
        'Really pretraining BERT or RoBERTa takes days on tens of GPUs. We reproduced both recipes in miniature, on equal terms: same architecture ({layers} layers, hidden size {hidden}, {heads} heads, feed-forward {ffn}, at most {maxLen} tokens), same number of tokens seen during pretraining ({budget} tokens per recipe), same unlabelled corpus (product texts and general texts), then the same fine-tuning on the 1,050 products. Only the recipe changes:',
      tableCaption: 'The two recipes as run (values read from metrics.json)',
      columns: { property: 'Property' },
      rows: {
        tokenizer: 'Tokenizer',
        objective: 'Pretraining tasks',
        masking: 'Masking',
        data: 'Pretraining documents',
        uniqueTokens: 'Distinct tokens in the corpus',
        batch: 'Batch size (sequences)',
        lr: 'Learning rate',
        beta2: 'Adam β₂',
        tokensSeen: 'Tokens seen',
        steps: 'Steps',
        epochs: 'Passes over its data',
        seconds: 'Pretraining time',
        heldoutAcc: 'Masked-token accuracy (held-out texts)',
        parameters: 'Parameters (embeddings included)',
      },
      values: {
        tokenizerBert: 'WordPiece 30K (bert-base-uncased)',
        tokenizerRoberta: 'byte-level BPE 50K (roberta-base)',
        objectiveMlmNsp: 'MLM + NSP (segment pairs)',
        objectiveMlm: 'MLM only (FULL-SENTENCES)',
        static: 'static (masks drawn once, {dupe} copies)',
        dynamic: 'dynamic (new mask at every pass)',
      },
      ablationNote: 'Ablation: {name} takes the BERT recipe and changes only {changed}, to isolate the effect of that single change.',
    },
    references: {
      heading: 'References',
      items: [
        'A. Vaswani, N. Shazeer, N. Parmar et al., “Attention Is All You Need”, NeurIPS 2017, arXiv:1706.03762.',
        'J. Devlin, M.-W. Chang, K. Lee, K. Toutanova, “BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding”, NAACL 2019, arXiv:1810.04805.',
        'Y. Liu, M. Ott, N. Goyal et al., “RoBERTa: A Robustly Optimized BERT Pretraining Approach”, 2019, arXiv:1907.11692.',
        'A. Wang et al., “GLUE: A Multi-Task Benchmark and Analysis Platform for Natural Language Understanding”, 2018, arXiv:1804.07461.',
      ],
    },
  },
  data: {
    heading: '2. Data',
    intro:
      '{products} products of the Flipkart catalogue, {categories} categories of {perCategory} products each. The text classified is the product name followed by its description; the category is the first level of the product’s category tree. Texts are in English, often specification sheets repeating the name and the brand.',
    categoriesCaption: 'Categories and a representative example (the product whose length is closest to its category’s median)',
    columns: {
      category: 'Category',
      products: 'Products',
      example: 'Example',
      wordsMedian: 'Words (median)',
      wordsP90: 'Words (90th percentile)',
      tokensMedian: '{model} tokens (median)',
      truncated: 'Truncated by {model} (> {max} tokens)',
    },
    examplesHeading: 'Examples',
    exampleWords: '{words} words',
    lengthsHeading: 'Text lengths',
    lengths:
      'A text has a median of {median} words (90th percentile: {p90}, maximum: {max}). The encoders read only the first {maxTokens} tokens: {bertShare} of the texts exceed this limit with BERT’s tokenizer and {robertaShare} with RoBERTa’s. As the product name comes first, it is always read.',
    lengthsNoTokens: 'A text has a median of {median} words (90th percentile: {p90}, maximum: {max}).',
    lengthsCaption: 'Text lengths by category',
    wordsFigure: {
      title: 'Words per product, by category',
      caption:
        'Median (bar) and 10th to 90th percentile range (line) of the number of words per category. The category with the longest texts is {longest} (median {median} words).',
      label: 'Bar chart of the median number of words per category',
      axis: 'Words per product',
      median: 'Median',
      p10: '10th percentile',
      p90: '90th percentile',
    },
    tokensFigure: {
      title: 'Tokens per product by tokenizer',
      caption:
        'Distribution of the number of tokens (special tokens included) of the 1,050 texts; the vertical line marks the {max}-token limit the encoders read. Byte-level BPE and WordPiece give similar lengths on these English texts.',
      label: 'Histogram of the number of tokens per product for BERT and RoBERTa',
      axis: 'Tokens per product',
      count: 'Products',
      limit: 'Limit: {max} tokens',
      range: 'Tokens',
    },
  },
  results: {
    heading: '3. Results',
    protocolStratified:
      'Stratified {folds}-fold cross-validation on the {products} products: each product is predicted by a model that has not seen it.',
    protocolGrouped:
      'Stratified group {folds}-fold cross-validation on the {products} products: near-identical products are grouped and each group stays in one fold, so each product is predicted by a model that has seen neither it nor its near-duplicates.',
    protocolGroupedWithGroups:
      'Stratified group {folds}-fold cross-validation on the {products} products: each product is grouped with its near-duplicates ({grouped} products have at least one; {groups} groups in all; two products are near-duplicates when at least half of their 5-word sequences of name and description are shared, Jaccard index ≥ 0.5, and a group follows these links from one product to the next) and each group stays in one fold, so each product is predicted by a model that has seen neither it nor its near-duplicates.',
    protocolFinetune:
      'The encoders are fine-tuned with the same hyper-parameters ({epochs} epochs, batches of {batch}, learning rate {lr}), with no tuning specific to either; pretraining uses no labels.',
    protocolSeeds:
      'Fine-tuning is repeated with {n} seeds ({seeds}; fold k uses seed + k): the encoders’ figures are means over every (seed, fold) pair; TF-IDF, deterministic, is fitted once per fold.',
    protocolViewsBoth:
      'Each training product is seen twice, name + description then the name alone; each model is evaluated on the name + description and on the name alone of the test fold’s products.',
    protocolServed: 'The served models are then retrained on 80% of the products.',
    protocolServedGrouped:
      'The served models are trained on {nTrain} products; one whole grouped fold ({nTest} products) is kept aside for the check.',
    previousProtocolLabel: '{model} (previous protocol)',
    checkpointsUsed:
      'Note: {models} were not pretrained here but initialised from a published model; the comparison of recipes does not apply to them.',
    notCrossValidated: 'Training in progress: {models} not cross-validated yet (absent from the tables below).',
    winner: 'Best cross-validated macro-F1: {model} ({f1}).',
    winnerName: 'On the name alone: {model} ({f1}, against {full} on name + description).',
    bertVsRoberta: 'RoBERTa versus BERT: {delta} macro-F1 point(s) ({roberta} versus {bert}); {significance}',
    significant: 'the gap exceeds the fold-to-fold variation (standard deviations {bertStd} and {robertaStd}).',
    notSignificant: 'the gap is within the fold-to-fold variation (standard deviations {bertStd} and {robertaStd}): no established difference.',
    significantSeeds: 'the gap exceeds the seed-to-seed and fold-to-fold variation (standard deviations {bertStd} and {robertaStd}).',
    notSignificantSeeds:
      'the gap is within the seed-to-seed and fold-to-fold variation (standard deviations {bertStd} and {robertaStd}): no established difference.',
    seedStudy:
      'How much is fine-tuning chance (a study added after the results above were read; they remain those of seed {seed}): the same cross-validation repeated with {n} fine-tuning seeds in all — same folds, protocol and pretrained encoders — gives on average {models}. Changing only the seed thus moves a model’s mean macro-F1 by about {range} point(s).',
    seedStudyModel: '{model} {mean} (by seed: {means})',
    seedMeans:
      'How much is fine-tuning chance: each encoder is fine-tuned with {n} seeds ({seeds}) on the same folds, and the figures above are means over these seeds. Macro-F1 on name + description, mean over the folds for each seed: {models}. Changing only the seed moves a model’s mean macro-F1 by at most {range} point(s).',
    targetsHeading: 'Targets',
    targets: {
      f1: '{model}: macro-F1 ≥ 0.90 on name + description (cross-validated mean)',
      f1Name: '{model}: macro-F1 ≥ 0.85 on the name alone (cross-validated mean)',
      bestName: 'Best model on the name alone: macro-F1 ≥ 0.90 (cross-validated mean)',
      bestNameValue: '{model} {f1}',
      oneSeed: '{value}, a single fine-tuning seed',
      latency: '{model}: median latency ≤ 30 ms per text',
      met: 'met',
      notMet: 'not met',
      unknown: 'not measured',
    },
    comparisonHeading: 'Comparison of the three models',
    comparisonCaption: 'TF-IDF, BERT and RoBERTa compared ({folds}-fold cross-validation; ★: best value of the row)',
    comparisonCaptionGrouped:
      'TF-IDF, BERT and RoBERTa compared: grouped {folds}-fold cross-validation (near-duplicates kept in one fold); {views}; {spread}; ★: best value of the row',
    captionViewsBoth: 'models trained on both views (name + description, and the name alone)',
    captionViewsText: 'models trained on name + description',
    captionSpreadSeeds: 'mean ± std over {seeds} seeds × {folds} folds for the encoders, over {folds} folds for TF-IDF (deterministic)',
    captionSpreadFolds: 'mean ± std over the {folds} folds',
    rows: {
      accuracy: 'Accuracy, name + description (mean ± std)',
      macroF1: 'Macro-F1, name + description (mean ± std)',
      accuracyName: 'Accuracy, name alone (mean ± std)',
      macroF1Name: 'Macro-F1, name alone (mean ± std)',
      f1Of: 'F1 — {label}',
      trainTime: 'Training time',
      size: 'Exported model size',
      latencyP50: 'Latency per text, median',
      latencyP99: 'Latency per text, 99th percentile',
      throughput: 'Throughput in batches of {batch} (texts/s)',
    },
    metric: 'Measure',
    best: 'best',
    trainTimeTfidf: '{fit} (fit)',
    trainTimeTransformer: '{pretrain} pretraining + {finetune} fine-tuning',
    notAvailable: '—',
    latencySource: 'Latency and throughput: {source}.',
    latencyFromBench: 'npm run bench:nlp of {date}, {cpus} cores ({cpu}), Node {node}, {n} texts, one text at a time, tokenisation included',
    latencyFromCheck:
      'export check of the training run (one text at a time, tokenisation included); 99th percentile and throughput available after npm run bench:nlp',
    perClassNote: 'F1 per category: over all the out-of-fold predictions (the {products} products).',
    perClassNotePooled:
      'F1 per category (name + description): over all the out-of-fold predictions, each of the {products} products predicted once per seed for the encoders ({predictions} predictions) and once for TF-IDF.',
    trainTimeNote:
      'Training time: compute time of each stage as measured during training; the stages did not all run under the same conditions (shared machine or not, 1 or 2 threads: see metrics.json), so these durations compare only as orders of magnitude.',
    f1Figure: {
      title: 'Macro-F1 per model (mean and standard deviation over folds)',
      caption:
        'Cross-validated macro-F1 of each model, ablation included; the line gives ± one standard deviation between folds. The best is {best} ({f1}).',
      label: 'Bar chart of each model’s macro-F1 with error bars',
      titleSeeds: 'Macro-F1 per model on name + description (mean and standard deviation)',
      captionSeeds:
        'Cross-validated macro-F1 of each model on name + description, ablation included; the line gives ± one standard deviation, over seeds and folds for the encoders, over folds for TF-IDF. The best is {best} ({f1}).',
      axis: 'Macro-F1',
    },
    f1ViewsFigure: {
      title: 'Macro-F1 on name + description and on the name alone',
      caption:
        'Cross-validated macro-F1 of each model by the text it is given; the line gives ± one standard deviation. On the name alone, the best is {best} ({f1}). Name alone minus name + description: {drops}.',
      drop: '{model} {delta} pt',
      label: 'Grouped bar chart of each model’s macro-F1 on name + description and on the name alone, with error bars',
      full: 'Name + description',
      name: 'Name alone',
      axis: 'Macro-F1',
      std: 'std',
    },
    confusionHeading: 'Confusion matrices',
    confusionIntro:
      'Rows: actual category; columns: predicted category; each cell gives the number of products and its share of the row. The diagonal holds the correct answers.',
    confusion: {
      title: 'Confusion matrix — {model}',
      caption:
        '{model} classifies {correct} products out of {total} correctly ({accuracy}). Most frequent confusion: {actual} taken for {predicted} ({count} products).',
      captionPerfect: '{model} classifies {correct} products out of {total} correctly ({accuracy}).',
      label: 'Heat map of the confusion matrix of {model}',
      actual: 'Actual category',
      predicted: 'Predicted category',
      tableCaption: 'Confusion matrix of {model} (rows: actual; columns: predicted)',
      captionPooled:
        '{model}: {correct} correct predictions out of {total} ({accuracy}), each of the {products} products being predicted once per seed ({seeds} seeds). Most frequent confusion: {actual} taken for {predicted} ({count} predictions).',
      captionPerfectPooled:
        '{model}: {correct} correct predictions out of {total} ({accuracy}), each of the {products} products being predicted once per seed ({seeds} seeds).',
    },
    pretrainingHeading: 'Pretraining curves',
    pretrainingIntro:
      'During pretraining, held-out texts are masked once and for all and evaluated at regular intervals: masked language model loss (lower is better) and share of masked tokens recovered. The horizontal axis counts tokens seen, the budget shared by the recipes. As the two tokenizers have different vocabularies, losses compare mostly by their trend.',
    lossFigure: {
      title: 'MLM loss on held-out texts',
      caption: 'Masked language model loss by tokens seen. At the end of the budget: {values}.',
      label: 'Curves of the MLM loss by tokens seen, one per recipe',
      x: 'Tokens seen',
      y: 'MLM loss (cross-entropy)',
    },
    accuracyFigure: {
      title: 'Masked tokens recovered on held-out texts',
      caption: 'Share of masked tokens the model recovers exactly, by tokens seen. At the end of the budget: {values}.',
      label: 'Curves of the masked-token accuracy by tokens seen, one per recipe',
      x: 'Tokens seen',
      y: 'Masked-token accuracy',
    },
    tokens: 'Tokens seen',
    loss: 'Loss',
    accuracy: 'Accuracy',
    ablationHeading: 'Ablation',
    ablationIntro: 'An ablation changes a single element of a recipe to measure its effect alone.',
    ablationCaption: 'Ablations: reference recipe and variant',
    ablationColumns: [
      'Variant',
      'Compared with',
      'Element changed',
      'MLM accuracy (reference → variant)',
      'Macro-F1, name + description (reference → variant)',
      'Macro-F1, name alone (reference → variant)',
    ],
    ablationSentence:
      '{variant} changes only {changed} compared with {base}: macro-F1 {baseF1} → {variantF1} ({delta} pt), masked-token accuracy {baseAcc} → {variantAcc}.',
    ablationPrevious: '{f1} (previous protocol)',
    ablationPreviousSentence:
      'These macro-F1 are the previous protocol’s (stratified folds, trained and evaluated on name + description, a single seed): they do not compare with the figures of the comparison table.',
    changedNames: {
      masking: 'the masking',
      objective: 'the pretraining tasks',
      data: 'the data',
      batch_size: 'the batch size',
      tokenizer: 'the tokenizer',
    },
  },
  demo: {
    heading: '4. Demo',
    intro:
      'Type or pick a product description: the three models classify it, then the page shows which words mattered and what attention looks at. Everything runs on this server, with the models presented above.',
    unavailable: 'No model is available on this server: the demo is disabled.',
    textLabel: 'Product text (name and description, in English)',
    textHint: 'At most {max} characters. The encoders read only the first tokens.',
    exampleLabel: 'Or pick a real product',
    examplePlaceholder: '— Pick an example —',
    exampleOption: '{label} — {name}',
    submit: 'Classify',
    running: 'Classifying…',
    explaining: 'Computing the attributions ({model})…',
    errors: {
      empty: 'Type a text to classify.',
      tooLong: 'Text too long: {n} characters for at most {max}.',
      unavailable: 'This model is not available on the server.',
      failed: 'The server could not classify this text. Try again.',
      busy: 'Too many requests from this address: try again in {s} s.',
    },
    counter: '{n} characters typed.',
    characters: '{n} characters, {words} words',
    predictionsHeading: 'Predictions of the three models',
    predicted: 'Predicted category: {label} ({p})',
    confidence: { high: 'high confidence', medium: 'medium confidence', low: 'low confidence' },
    confidenceLine: 'Model confidence: {level}',
    confidenceNote:
      'Confidence is the probability the model gives its own answer: high from 80 %, medium from 50 to 80 %, low below. These are softmax outputs, not calibrated: a reading aid, not a guarantee.',
    trainedOn:
      'The three models were trained on each product’s name followed by its description (about a hundred words at the median), not on a name alone.',
    trainedOnBoth:
      'The three models were trained on each product’s name followed by its description (about a hundred words at the median) and on the name alone.',
    warningsHeading: 'Read before the answers',
    disagreement: 'The models disagree ({answers}): no answer is certain. Compare their probabilities and the words that count.',
    answer: '{model}: {label}',
    shortInput:
      'Very short text: {words} words, while 90 % of the training texts (name and description) have at least {p10} (median {median}). The models did not learn on texts this short: their answers are less reliable.',
    shortInputBoth:
      'Very short text: {words} words, while 90 % of the product names the models learned on have at least {p10} (median {median}). Their answers on a text this short are less reliable.',
    nameLike:
      'A text as short as a product name ({words} words; the names with their descriptions have {median} at the median). The models also learned on names alone: how well they do on this kind of input is in the « name alone » rows of the comparison table.',
    latency: 'Latency: {ms}',
    tokensRead: 'Tokens read: {tokens} of {max}',
    tokensTruncated: 'text truncated: {tokens} tokens, only the first {max} are read',
    wholeText: 'Reads the whole text',
    probabilitiesCaption: 'Probabilities of {model} by category',
    category: 'Category',
    probability: 'Probability',
    attributionsHeading: 'The words that matter (occlusion)',
    attributionsIntro:
      'For each word, the word is removed from the text and the drop in the probability of the predicted category is measured: the same method for the three models. Only the first {max} words the model reads are tested. Solid line under a word: it supports the prediction; dotted line: it goes against it; the background intensity follows the effect.',
    attributionModel: 'Model explained',
    explainedTarget: 'Category explained: {label} (probability {p}); {considered} words tested out of {total}.',
    attributionsText: 'Annotated text',
    topWordsCaption: 'Most influential words for {model} (effect on the probability of {label})',
    word: 'Word',
    effect: 'Effect of the word (probability points)',
    direction: 'Direction',
    supports: 'supports',
    opposes: 'goes against',
    saturation:
      'When a probability is very close to 100%, removing a single word changes it little: the effects are then small but their order is still telling.',
    attentionHeading: 'Attention map',
    attentionModel: 'Encoder',
    layer: 'Layer',
    head: 'Head',
    headMean: 'Mean of the heads',
    layerOption: 'Layer {n}',
    headOption: 'Head {n}',
    attentionFigure: {
      title: 'Attention of {model}, layer {layer}, {head}',
      caption:
        'Row: the token looking (query); column: the token looked at (key); the darker the cell, the stronger the weight. {shown} tokens shown out of {total} read. The token looked at most is “{top}”.',
      label: 'Heat map of the attention weights of {model}, layer {layer}, {head}',
      query: 'Query',
      key: 'Key',
      weight: 'Weight',
      tableCaption: 'For each token, the three tokens it looks at most',
      token: 'Token',
      topKeys: 'Tokens looked at most (weight)',
      headName: 'head {n}',
      meanName: 'mean of the heads',
    },
    tokenNote: 'BERT marks the continuation of a word with ##; RoBERTa marks with Ġ a token preceded by a space.',
  },
  conclusion: {
    heading: '5. Limits and conclusion',
    scaleHeading: 'The scale of pretraining',
    scale:
      'Each recipe saw {ours} tokens during pretraining. BERT saw about 4 × 10¹⁰ (1M steps of 256 sequences of 128 then 512 tokens) and RoBERTa about 2 × 10¹² (500K steps of 8K sequences of 512 tokens), that is about {factor} times more than our recipes. Our encoders also have {params} parameters, against 355M for RoBERTa-large. The differences between recipes observed here therefore measure what each recipe brings with very little data and compute, not what it brings at the paper’s scale.',
    checkpointsHeading: 'What the official models would change',
    checkpoints: [
      'Starting from the published models (bert-base-uncased, roberta-base), pretrained on billions of words, should narrow the gap with TF-IDF markedly, with no guarantee of beating it: public work on the full Flipkart set found TF-IDF ahead of a fine-tuned BERT, as these texts are rich in keywords. RoBERTa’s advantage over BERT measured in the paper (Table 5: +3.6 points on MNLI, +16.2 on RTE) concerns hard understanding tasks; it would probably be small on classifying product sheets.',
      'The cost would change too: a base model has 110 to 125M parameters (about 0.5 GB in float32), against a few MB for TF-IDF, and its CPU latency is tens of milliseconds per text instead of under a millisecond.',
    ],
    limitsHeading: 'Limits of this study',
    limits: [
      'Only 1,050 products and 7 fairly distinct categories: texts repeat the name, the brand and the product type, which favours keyword methods.',
      'A single set of fine-tuning hyper-parameters for both encoders, without tuning; a single pretraining seed per recipe.',
      'The encoders read only the first tokens of each text; TF-IDF reads it all.',
      'RoBERTa’s larger batches are kept in tokens only: 16 FULL-SENTENCES sequences carry 1.7 times the tokens of a BERT batch. A first run faithful to the paper (64 sequences, lr 1e-3) left only 336 updates within the budget: the encoder stayed on the “most frequent token” plateau (masked accuracy 0.047) and could not be fine-tuned (macro-F1 0.04). At this scale the number of updates matters more than the batch size.',
      'Occlusion attributions measure the effect of removing one word at a time: they ignore interactions between words and can be small when the probability is saturated.',
    ],
    recommendationHeading: 'Recommendation',
    recommendation: {
      tfidfWins:
        'For this need, {winner} wins ({f1} macro-F1): we recommend putting it into production, as it is also the lightest and fastest. Between the two pretraining recipes, {bertVsRoberta} Adopting RoBERTa rather than BERT would only be justified for harder texts, and then from the official roberta-base model fine-tuned, not from in-house pretraining.',
      transformerWins:
        'For this need, {winner} wins ({f1} macro-F1, against {tfidf} for TF-IDF). Between the two recipes, {bertVsRoberta} Before adopting an encoder, weigh this gain against its size ({size}) and latency, and preferably start from the official model fine-tuned.',
      quick:
        'The models currently served come from the quick mode: no recommendation can be drawn from them. Run npm run train:nlp again (full mode) to get usable results.',
      pending: 'Recommendation available once the training results are.',
    },
    robertaBetter: 'the RoBERTa recipe does better than the BERT recipe ({delta} pt).',
    robertaWorse: 'the RoBERTa recipe does worse than the BERT recipe ({delta} pt).',
    robertaEqual: 'they are level ({delta} pt).',
    withinNoise: 'the gap is within the variation between folds.',
    withinNoiseSeeds: 'the gap is within the variation between seeds and folds.',
    nameBest: 'On the name alone, {model} does best ({f1} macro-F1), {margin} point(s) ahead of {second} ({secondF1}){noise}.',
    nameEqual: 'On the name alone, {model} and {second} are level ({f1} and {secondF1} macro-F1).',
    nameOnly: 'On the name alone, only {model} was measured ({f1} macro-F1).',
  },
  note: {
    title: 'Methodology note: product classification, TF-IDF, BERT and RoBERTa',
    metaDescription:
      'Methodology note of the technology watch: data, preprocessing, models, protocol, evaluation, results, interpretability and limits.',
    backLink: 'Back to the technology watch page',
    print: 'Print or save as PDF',
    generated: 'Results of {date} ({mode} mode), read from {dir}.',
    toc: 'Contents',
    sections: {
      data: '1. Data',
      preprocessing: '2. Preprocessing',
      models: '3. Models',
      protocol: '4. Training protocol',
      evaluation: '5. Evaluation',
      results: '6. Results',
      interpretability: '7. Interpretability',
      limits: '8. Limits',
      references: 'References',
    },
    data: [
      '{products} products of the Flipkart catalogue (file flipkart_com-ecommerce_sample_1050.csv), {categories} balanced categories of {perCategory} products: {labels}.',
      'The unlabelled pretraining corpus (corpus/ folder of the shared data) mixes product texts and general English texts; the texts held out to measure pretraining are never seen in it.',
    ],
    preprocessing: [
      'Text = product name + space + description, consecutive whitespace collapsed to one space (productText, the same in training and serving). Label = first level of product_category_tree; the label order is the alphabetical order of the names, shared by all models.',
      'TF-IDF: lower case; word 1- to 2-grams and character 2- to 5-grams taken inside words; sub-linear tf (1 + ln tf), L2 normalisation per analyser. Encoders: the original tokenizers of bert-base-uncased (WordPiece, lower case) and roberta-base (byte-level BPE, case kept), applied by transformers.js for training as for serving; truncation to the first {maxLen} tokens, special tokens included.',
    ],
    models: [
      'Baseline: TF-IDF + multinomial logistic regression (scikit-learn), exported as JSON + float64 weights and recomputed in TypeScript (maximum difference with scikit-learn checked at export).',
      'Encoders: BERT architecture ({layers} layers, hidden size {hidden}, {heads} heads, feed-forward {ffn}); the same size for both recipes, only the vocabulary and special tokens differ. Classification head: that of BertForSequenceClassification (pooler then linear layer) and of RobertaForSequenceClassification. ONNX export (weights stored as float16, computations in float32) served by transformers.js and onnxruntime-node; logits are compared with PyTorch’s on control products.',
    ],
    protocol: [
      'Pretraining: the same budget of {budget} tokens per recipe (non-padding tokens seen by the encoder), the same corpus. BERT recipe: WordPiece, MLM + NSP on segment pairs, static masking, a subset of the data repeated, batches of {bertBatch}, learning rate {bertLr}, β₂ {bertBeta2}. RoBERTa recipe: byte-level BPE, MLM only on sequences of contiguous sentences, dynamic masking, all the data (about {dataRatio} times more) seen once, batches of {robertaBatch}, learning rate {robertaLr}, β₂ {robertaBeta2}.',
      'Fine-tuning: the same hyper-parameters for both encoders ({epochs} epochs, batches of {batch}, learning rate {lr}, warm-up then linear decay), without per-model tuning. Stratified {folds}-fold cross-validation (seed {seed}): in each fold, the pretrained encoder is fine-tuned on 4/5 of the products and evaluated on the rest. The served models are fine-tuned on a stratified 80/20 split ({nTrain} / {nTest} products).',
    ],
    protocolFinetuneGrouped:
      'Fine-tuning: the same hyper-parameters for both encoders ({epochs} epochs, batches of {batch}, learning rate {lr}, warm-up then linear decay), without per-model tuning. {cv}',
    evaluationSeeds:
      'Measures: accuracy and macro-F1 (unweighted mean of the F1 of the 7 categories){views}, as mean ± (sample) standard deviation over the {n} (seed, fold) pairs for the encoders ({seeds} seeds × {folds} folds) and over the {folds} folds for TF-IDF; F1 per category and confusion matrices over all out-of-fold predictions (name + description) of every seed. The winner is chosen by mean cross-validated macro-F1 on name + description.',
    evaluationViews: ', on the name + description and on the name alone',
    evaluation: [
      'Measures: accuracy and macro-F1 (unweighted mean of the F1 of the 7 categories), as mean ± (sample) standard deviation over folds; F1 per category and confusion matrices over all out-of-fold predictions. The winner is chosen by mean cross-validated macro-F1.',
      'Costs: training time measured by the pipeline ({threads} threads), size of the exported folders, latency per text and throughput measured in serving (Node.js, onnxruntime-node) by npm run bench:nlp.',
    ],
    resultsIntro: 'The figures below are read from metrics.json and latency.json; the technology watch page also presents them as charts.',
    interpretability: [
      'Occlusion attributions, identical for the three models: effect of a word = probability of the predicted category with the whole text minus the probability without the word. Only the first {maxWords} words lying entirely inside the window the model reads are tested; all the variants are classified in batches.',
      'Attention maps: attention weights (softmax) of each layer and head, output directly by the ONNX graph. They show where the model looks, not why it decides: strong attention does not imply strong influence on the prediction.',
    ],
    limitsIntro: 'See also the “Limits and conclusion” section of the technology watch page.',
    noResults: 'Results not available: {reason}.',
  },
};
