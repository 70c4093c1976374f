/**
 * Technology watch (« Veille ») strings: the /veille page and the methodology note
 * /veille/note (French reference). Figures are never written here: templates take them
 * from models/nlp (metrics.json, latency.json) through lib/nlp.
 */
export const watch = {
  title: 'Veille technique : RoBERTa ou BERT pour classer nos produits ?',
  metaDescription:
    'BERT (2018) et RoBERTa (2019) pré-entraînés à petite échelle et affinés sur 1 050 produits Flipkart, comparés à une référence TF-IDF, avec démonstration en direct.',
  lead: 'Faut-il adopter RoBERTa (2019) plutôt que BERT (2018) pour classer automatiquement nos produits à partir de leur nom et de leur description ? Cette preuve de concept explique les deux techniques, les reproduit à petite échelle avec le même budget de calcul, les compare à une référence classique (TF-IDF) sur 1 050 produits Flipkart, et permet de les essayer.',
  quickWarning:
    'Résultats de démonstration : les modèles servis sont ceux du mode rapide (encodeurs minuscules, quelques secondes d’entraînement). Les chiffres ci-dessous ne permettent aucune conclusion ; ils seront remplacés par ceux de l’entraînement complet.',
  pending:
    'Les résultats d’entraînement ne sont pas encore disponibles ({reason}) : ils apparaîtront ici quand npm run train:nlp aura écrit metrics.json dans le dossier des modèles.',
  missingFile: '{file} est absent',
  generatedAt: 'Résultats produits le {date} (mode {mode}).',
  modeNames: { quick: 'rapide', full: 'complet' },
  noteLink: 'Lire la note méthodologique (imprimable)',
  toc: {
    label: 'Sommaire de la page',
    concepts: 'Les concepts',
    data: 'Les données',
    results: 'Les résultats',
    demo: 'Démonstration',
    conclusion: 'Limites et conclusion',
  },
  modelNames: { tfidf: 'TF-IDF', bert: 'BERT', roberta: 'RoBERTa', bert_dynamic: 'BERT + masquage dynamique' },
  modelLong: {
    tfidf: 'TF-IDF (mots et n-grammes de caractères) + régression logistique',
    bert: 'Encodeur pré-entraîné avec la recette BERT, puis affiné',
    roberta: 'Encodeur pré-entraîné avec la recette RoBERTa, puis affiné',
  },
  showData: 'Voir les données',
  concepts: {
    heading: '1. Les concepts',
    transformer: {
      heading: 'Le Transformer',
      paragraphs: [
        'Le Transformer (Vaswani et al., 2017, « Attention Is All You Need ») remplace la récurrence par l’attention : la nouvelle représentation de chaque position d’une séquence est une moyenne pondérée des représentations de toutes les positions, avec des poids calculés à partir du contenu. Toutes les positions sont traitées en parallèle, ce qui rend l’entraînement beaucoup plus rapide que celui des réseaux récurrents.',
        'Une couche d’encodeur enchaîne une auto-attention multi-têtes et un petit réseau appliqué à chaque position (feed-forward), chacun entouré d’une connexion résiduelle et d’une normalisation. L’ordre des mots est apporté par des encodages de position ajoutés aux plongements des tokens (sinusoïdaux dans l’article d’origine, appris dans BERT et RoBERTa).',
        'BERT et RoBERTa n’utilisent que la pile d’encodeurs : chaque token voit tout le texte, à gauche comme à droite. Pour classer un texte, on lit la représentation du premier token ([CLS] pour BERT, <s> pour RoBERTa) avec une couche de classification.',
      ],
    },
    attention: {
      heading: 'L’auto-attention, en direct',
      paragraphs: [
        'Chaque token est projeté en trois vecteurs : une requête q, une clé k et une valeur v. Le poids de l’attention du token i vers le token j est le softmax, sur tous les j, du produit scalaire qᵢ · kⱼ divisé par √dₖ (dₖ : dimension des clés) ; la sortie du token i est la somme des valeurs vⱼ pondérée par ces poids.',
        'Plusieurs têtes d’attention travaillent en parallèle, chacune avec ses propres projections : chaque tête peut apprendre un type de relation (mot voisin, début du texte, même mot plus loin…). Leurs sorties sont concaténées puis projetées.',
      ],
      formula: 'Attention(Q, K, V) = softmax(Q·Kᵀ / √dₖ) · V',
      formulaLabel: 'Formule de l’attention (Vaswani et al., 2017, équation 1)',
      liveIntro:
        'La carte suivante est calculée à l’affichage de la page par le modèle {model} servi par cette application, sur le produit réel « {name} ». Dans la démonstration, vous pouvez la recalculer sur votre propre texte et choisir la couche et la tête.',
      unavailable: 'Aucun encodeur n’est disponible sur ce serveur : la carte d’attention apparaîtra quand les modèles seront installés.',
    },
    bert: {
      heading: 'BERT : pré-entraîner un encodeur, puis l’affiner',
      paragraphs: [
        'BERT (Devlin et al., 2019, « Bidirectional Encoder Representations from Transformers ») pré-entraîne un encodeur sur du texte non étiqueté avec deux tâches auto-supervisées, puis l’affine (fine-tuning) sur la tâche visée en ajoutant une simple couche de classification. Deux tailles : BERT-base (12 couches, 768 dimensions, 12 têtes, 110 M de paramètres) et BERT-large (24 couches, 1 024 dimensions, 16 têtes, 340 M).',
        'Données : BooksCorpus (800 M de mots) et Wikipédia en anglais (2 500 M de mots), environ 16 Go de texte, découpé en 30 000 unités WordPiece (mots fréquents entiers, sous-mots préfixés par ## pour les autres). Entraînement : 1 M de pas de 256 séquences, séquences de 128 tokens pendant 90 % des pas puis de 512.',
      ],
      mlmTitle: 'Modèle de langue masqué (MLM)',
      mlm: '15 % des tokens sont choisis ; 80 % d’entre eux sont remplacés par [MASK], 10 % par un token aléatoire et 10 % restent inchangés ; le modèle doit retrouver le token d’origine à partir du contexte des deux côtés. Les masques sont tirés une fois, lors de la préparation des données (masquage statique).',
      nspTitle: 'Prédiction de la phrase suivante (NSP)',
      nsp: 'L’entrée est une paire de segments, [CLS] A [SEP] B [SEP] ; dans 50 % des cas B suit réellement A, sinon B vient d’un autre document ; le modèle doit dire lequel, à partir de [CLS]. L’idée : apprendre des relations entre phrases utiles à la question-réponse et à l’inférence.',
    },
    roberta: {
      heading: 'Ce que RoBERTa a changé',
      intro:
        'RoBERTa (Liu et al., 2019, « A Robustly Optimized BERT Pretraining Approach », arXiv:1907.11692) garde l’architecture de BERT et revoit la recette de pré-entraînement. Conclusion des auteurs : BERT était nettement sous-entraîné, et des choix de conception comptent autant que l’architecture. Les cinq changements :',
      changes: [
        {
          title: '10 fois plus de données, un entraînement plus long',
          text: '160 Go de texte au lieu de 16 Go : BooksCorpus + Wikipédia (16 Go), CC-News (76 Go), OpenWebText (38 Go) et Stories (31 Go). À taille de lot fixe (8K), passer de 16 à 160 Go puis de 100K à 500K pas améliore chacune des tâches mesurées (tableau 4).',
        },
        {
          title: 'Masquage dynamique',
          text: 'Un nouveau masque est tiré chaque fois qu’une séquence est présentée au modèle, au lieu d’un masque fixé une fois pour toutes (dans la réimplémentation statique des auteurs, les données sont dupliquées 10 fois pour varier les masques). Résultat comparable ou légèrement meilleur (tableau 1), et surtout nécessaire quand on entraîne plus longtemps sur plus de données.',
        },
        {
          title: 'Abandon de NSP',
          text: 'Des séquences remplies de phrases contiguës jusqu’à 512 tokens, sans tâche NSP (FULL-SENTENCES), égalent ou dépassent le format d’origine avec NSP (tableau 2). DOC-SENTENCES (sans franchir les limites de document) fait à peine mieux mais donne des lots de taille variable : RoBERTa retient FULL-SENTENCES.',
        },
        {
          title: 'Des lots beaucoup plus grands',
          text: '8K séquences par pas au lieu de 256, avec un taux d’apprentissage plus élevé et β₂ = 0,98 pour la stabilité. Au même nombre de passes sur les données, des lots de 2K (125K pas) font mieux que 256 (1M pas) en perplexité et sur MNLI et SST-2 (tableau 3) ; les grands lots se parallélisent aussi mieux.',
        },
        {
          title: 'BPE au niveau des octets',
          text: 'Un vocabulaire de 50K unités construit sur les octets (comme GPT-2) au lieu de WordPiece à 30K : tout texte se code sans token inconnu ni prétraitement. Les auteurs notent un résultat légèrement moins bon sur certaines tâches mais retiennent ce codage universel.',
        },
      ],
      tablesHeading: 'Les chiffres de l’article',
      tableCaptions: {
        masking: 'Tableau 1 de l’article : masquage statique ou dynamique, BERT-base (SQuAD 2.0 : F1 ; MNLI-m et SST-2 : exactitude)',
        nsp: 'Tableau 2 de l’article : format d’entrée et NSP, modèles base sur BooksCorpus + Wikipédia (SQuAD : F1 ; autres : exactitude)',
        batch:
          'Tableau 3 de l’article : taille de lot au même nombre de passes sur les données (ppl : perplexité sur des données d’entraînement mises de côté)',
        glue: 'Tableau 5 de l’article : GLUE, jeux de développement, modèles mono-tâche (MNLI-m : exactitude ; CoLA : corrélation de Matthews ; STS : corrélation de Pearson ; autres : exactitude)',
        hyper:
          'Hyper-paramètres de pré-entraînement : RoBERTa-large (annexe, tableau 9) et BERT (Devlin et al., 2019 ; configuration rappelée section 2.4 de l’article RoBERTa)',
        data: 'Données de pré-entraînement (section 3.2 de l’article)',
      },
      setting: 'Réglage',
      maskingRows: ['référence (BERT-base, Devlin et al.)', 'statique', 'dynamique'],
      batchColumns: ['Taille de lot', 'Pas', 'Taux d’apprentissage', 'ppl', 'MNLI-m', 'SST-2'],
      hyperColumns: ['Hyper-paramètre', 'BERT (large / base)', 'RoBERTa-large'],
      hyperRows: {
        layers: 'Couches',
        hidden: 'Dimension cachée',
        ffn: 'Dimension du réseau feed-forward',
        heads: 'Têtes d’attention',
        batch: 'Taille de lot (séquences)',
        steps: 'Pas d’entraînement',
        peakLr: 'Taux d’apprentissage maximal',
        warmup: 'Pas de montée progressive du taux',
        beta2: 'Adam β₂',
        epsilon: 'Adam ε',
        weightDecay: 'Décroissance des poids',
        dropout: 'Dropout',
        seqLength: 'Longueur des séquences (tokens ; BERT : 128 pendant 90 % des pas)',
        data: 'Données (Go)',
        vocab: 'Vocabulaire (BERT : WordPiece ; RoBERTa : BPE sur octets)',
      },
      dataColumns: ['Source', 'Taille (Go)', 'Utilisée par BERT'],
      yes: 'oui',
      no: 'non',
      total: 'Total RoBERTa',
      totalValue: 'plus de 160',
    },
    ours: {
      heading: 'Notre reproduction à petite échelle',
      intro:
        'Pré-entraîner BERT ou RoBERTa en vrai demande des jours de calcul sur des dizaines de GPU. Nous avons reproduit les deux recettes en miniature, à armes égales : même architecture ({layers} couches, dimension {hidden}, {heads} têtes, feed-forward {ffn}, {maxLen} tokens au plus), même nombre de tokens vus pendant le pré-entraînement ({budget} tokens par recette), même corpus non étiqueté (textes de produits et textes généraux), puis le même affinage sur les 1 050 produits. Seule la recette change :',
      tableCaption: 'Les deux recettes telles qu’exécutées (valeurs lues dans metrics.json)',
      columns: { property: 'Propriété' },
      rows: {
        tokenizer: 'Tokeniseur',
        objective: 'Tâches de pré-entraînement',
        masking: 'Masquage',
        data: 'Documents de pré-entraînement',
        uniqueTokens: 'Tokens distincts du corpus',
        batch: 'Taille de lot (séquences)',
        lr: 'Taux d’apprentissage',
        beta2: 'Adam β₂',
        tokensSeen: 'Tokens vus',
        steps: 'Pas',
        epochs: 'Passes sur ses données',
        seconds: 'Durée du pré-entraînement',
        heldoutAcc: 'Exactitude sur les tokens masqués (textes mis de côté)',
        parameters: 'Paramètres (dont plongements)',
      },
      values: {
        tokenizerBert: 'WordPiece 30K (bert-base-uncased)',
        tokenizerRoberta: 'BPE sur octets 50K (roberta-base)',
        objectiveMlmNsp: 'MLM + NSP (paires de segments)',
        objectiveMlm: 'MLM seul (FULL-SENTENCES)',
        static: 'statique (masques tirés une fois, {dupe} copies)',
        dynamic: 'dynamique (nouveau masque à chaque passage)',
      },
      ablationNote: 'Ablation : {name} reprend la recette BERT en ne changeant que {changed}, pour isoler l’effet de ce seul changement.',
    },
    references: {
      heading: 'Références',
      items: [
        'A. Vaswani, N. Shazeer, N. Parmar et al., « Attention Is All You Need », NeurIPS 2017, arXiv:1706.03762.',
        'J. Devlin, M.-W. Chang, K. Lee, K. Toutanova, « BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding », NAACL 2019, arXiv:1810.04805.',
        'Y. Liu, M. Ott, N. Goyal et al., « RoBERTa: A Robustly Optimized BERT Pretraining Approach », 2019, arXiv:1907.11692.',
        'A. Wang et al., « GLUE: A Multi-Task Benchmark and Analysis Platform for Natural Language Understanding », 2018, arXiv:1804.07461.',
      ],
    },
  },
  data: {
    heading: '2. Les données',
    intro:
      '{products} produits du catalogue Flipkart, {categories} catégories de {perCategory} produits chacune. Le texte classé est le nom du produit suivi de sa description ; la catégorie est le premier niveau de l’arborescence du produit. Les textes sont en anglais, souvent des fiches techniques répétant le nom et la marque.',
    categoriesCaption: 'Catégories et exemple représentatif (produit dont la longueur est la plus proche de la médiane de sa catégorie)',
    columns: {
      category: 'Catégorie',
      products: 'Produits',
      example: 'Exemple',
      wordsMedian: 'Mots (médiane)',
      wordsP90: 'Mots (9ᵉ décile)',
      tokensMedian: 'Tokens {model} (médiane)',
      truncated: 'Tronqués par {model} (> {max} tokens)',
    },
    examplesHeading: 'Exemples',
    exampleWords: '{words} mots',
    lengthsHeading: 'Longueur des textes',
    lengths:
      'Un texte compte en médiane {median} mots (9ᵉ décile : {p90}, maximum : {max}). Les encodeurs ne lisent que les {maxTokens} premiers tokens : {bertShare} des textes dépassent cette limite avec le tokeniseur de BERT et {robertaShare} avec celui de RoBERTa . Le nom du produit venant en tête, il est toujours lu.',
    lengthsNoTokens: 'Un texte compte en médiane {median} mots (9ᵉ décile : {p90}, maximum : {max}).',
    lengthsCaption: 'Longueur des textes par catégorie',
    wordsFigure: {
      title: 'Nombre de mots par produit, par catégorie',
      caption:
        'Médiane (barre) et intervalle du 1ᵉʳ au 9ᵉ décile (trait) du nombre de mots par catégorie. La catégorie aux textes les plus longs est {longest} ({median} mots en médiane).',
      label: 'Diagramme en barres du nombre médian de mots par catégorie',
      axis: 'Mots par produit',
      median: 'Médiane',
      p10: '1ᵉʳ décile',
      p90: '9ᵉ décile',
    },
    tokensFigure: {
      title: 'Nombre de tokens par produit selon le tokeniseur',
      caption:
        'Répartition du nombre de tokens (tokens spéciaux compris) des 1 050 textes ; la ligne verticale marque la limite de {max} tokens lue par les encodeurs. BPE sur octets et WordPiece donnent des longueurs proches sur ces textes en anglais.',
      label: 'Histogramme du nombre de tokens par produit pour BERT et RoBERTa',
      axis: 'Tokens par produit',
      count: 'Produits',
      limit: 'Limite : {max} tokens',
      range: 'Tokens',
    },
  },
  results: {
    heading: '3. Les résultats',
    protocolStratified:
      'Validation croisée stratifiée à {folds} plis sur les {products} produits : chaque produit est prédit par un modèle qui ne l’a pas vu.',
    protocolGrouped:
      'Validation croisée stratifiée par groupes à {folds} plis sur les {products} produits : les produits quasi identiques sont regroupés et chaque groupe reste dans un seul pli, si bien que chaque produit est prédit par un modèle qui n’a vu ni lui ni ses quasi-doublons.',
    protocolGroupedWithGroups:
      'Validation croisée stratifiée par groupes à {folds} plis sur les {products} produits : chaque produit est réuni avec ses quasi-doublons ({grouped} produits en ont au moins un ; {groups} groupes en tout ; deux produits sont quasi-doublons quand au moins la moitié de leurs suites de 5 mots du nom et de la description sont communes, indice de Jaccard ≥ 0,5, et un groupe suit ces liens de proche en proche) et chaque groupe reste dans un seul pli, si bien que chaque produit est prédit par un modèle qui n’a vu ni lui ni ses quasi-doublons.',
    protocolFinetune:
      'Les encodeurs sont affinés avec les mêmes hyper-paramètres ({epochs} époques, lots de {batch}, taux {lr}), sans réglage propre à l’un ou l’autre ; le pré-entraînement n’utilise aucune étiquette.',
    protocolSeeds:
      'L’affinage est répété avec {n} graines ({seeds} ; le pli k prend la graine + k) : les chiffres des encodeurs sont des moyennes sur toutes les paires (graine, pli) ; le TF-IDF, déterministe, est ajusté une fois par pli.',
    protocolViewsBoth:
      'Chaque produit d’entraînement est vu deux fois, nom + description puis nom seul ; chaque modèle est évalué sur le nom + description et sur le nom seul des produits du pli de test.',
    protocolServed: 'Les modèles servis sont ensuite réentraînés sur 80 % des produits.',
    protocolServedGrouped:
      'Les modèles servis sont entraînés sur {nTrain} produits ; un pli groupé entier ({nTest} produits) est gardé de côté pour le contrôle.',
    previousProtocolLabel: '{model} (protocole précédent)',
    checkpointsUsed:
      'Attention : {models} n’ont pas été pré-entraînés ici mais initialisés depuis un modèle publié ; la comparaison des recettes ne s’applique pas à eux.',
    notCrossValidated: 'Entraînement en cours : {models} pas encore évalués en validation croisée (absents des tableaux ci-dessous).',
    winner: 'Meilleur macro-F1 en validation croisée : {model} ({f1}).',
    winnerName: 'Sur le nom seul : {model} ({f1}, contre {full} sur nom + description).',
    bertVsRoberta: 'RoBERTa contre BERT : {delta} point(s) de macro-F1 ({roberta} contre {bert}) ; {significance}',
    significant: 'l’écart dépasse la variation d’un pli à l’autre (écarts-types {bertStd} et {robertaStd}).',
    notSignificant: 'l’écart reste dans la variation d’un pli à l’autre (écarts-types {bertStd} et {robertaStd}) : pas de différence établie.',
    significantSeeds: 'l’écart dépasse la variation d’une graine et d’un pli à l’autre (écarts-types {bertStd} et {robertaStd}).',
    notSignificantSeeds:
      'l’écart reste dans la variation d’une graine et d’un pli à l’autre (écarts-types {bertStd} et {robertaStd}) : pas de différence établie.',
    seedStudy:
      'Part du hasard de l’affinage (étude ajoutée après la lecture des résultats ci-dessus, qui restent ceux de la graine {seed}) : la même validation croisée refaite avec {n} graines d’affinage en tout — mêmes plis, même protocole, mêmes encodeurs pré-entraînés — donne en moyenne {models}. Changer seulement la graine déplace donc le macro-F1 moyen d’un modèle d’environ {range} point(s).',
    seedStudyModel: '{model} {mean} (selon la graine : {means})',
    seedMeans:
      'Part du hasard de l’affinage : chaque encodeur est affiné avec {n} graines ({seeds}) sur les mêmes plis, et les chiffres ci-dessus sont des moyennes sur ces graines. Macro-F1 sur nom + description, moyenne des plis pour chaque graine : {models}. Changer seulement la graine déplace le macro-F1 moyen d’un modèle d’au plus {range} point(s).',
    targetsHeading: 'Objectifs fixés',
    targets: {
      f1: '{model} : macro-F1 ≥ 0,90 sur nom + description (moyenne en validation croisée)',
      f1Name: '{model} : macro-F1 ≥ 0,85 sur le nom seul (moyenne en validation croisée)',
      bestName: 'Meilleur modèle sur le nom seul : macro-F1 ≥ 0,90 (moyenne en validation croisée)',
      bestNameValue: '{model} {f1}',
      oneSeed: '{value}, une seule graine d’affinage',
      latency: '{model} : latence médiane ≤ 30 ms par texte',
      met: 'atteint',
      notMet: 'non atteint',
      unknown: 'non mesuré',
    },
    comparisonHeading: 'Comparaison des trois modèles',
    comparisonCaption: 'Comparaison TF-IDF, BERT et RoBERTa (validation croisée à {folds} plis ; ★ : meilleure valeur de la ligne)',
    comparisonCaptionGrouped:
      'Comparaison TF-IDF, BERT et RoBERTa : validation croisée à {folds} plis groupés (les quasi-doublons restent dans un même pli) ; {views} ; {spread} ; ★ : meilleure valeur de la ligne',
    captionViewsBoth: 'modèles entraînés sur les deux vues (nom + description, et nom seul)',
    captionViewsText: 'modèles entraînés sur nom + description',
    captionSpreadSeeds: 'moyenne ± écart-type sur {seeds} graines × {folds} plis pour les encodeurs, sur {folds} plis pour le TF-IDF (déterministe)',
    captionSpreadFolds: 'moyenne ± écart-type sur les {folds} plis',
    rows: {
      accuracy: 'Exactitude, nom + description (moyenne ± écart-type)',
      macroF1: 'Macro-F1, nom + description (moyenne ± écart-type)',
      accuracyName: 'Exactitude, nom seul (moyenne ± écart-type)',
      macroF1Name: 'Macro-F1, nom seul (moyenne ± écart-type)',
      f1Of: 'F1 — {label}',
      trainTime: 'Temps d’entraînement',
      size: 'Taille du modèle exporté',
      latencyP50: 'Latence par texte, médiane',
      latencyP99: 'Latence par texte, 99ᵉ centile',
      throughput: 'Débit par lots de {batch} (textes/s)',
    },
    metric: 'Mesure',
    best: 'meilleur',
    trainTimeTfidf: '{fit} (ajustement)',
    trainTimeTransformer: '{pretrain} de pré-entraînement + {finetune} d’affinage',
    notAvailable: '—',
    latencySource: 'Latences et débit : {source}.',
    latencyFromBench: 'npm run bench:nlp du {date}, {cpus} cœurs ({cpu}), Node {node}, {n} textes, un texte à la fois, tokenisation comprise',
    latencyFromCheck:
      'contrôle d’export de l’entraînement (un texte à la fois, tokenisation comprise) ; 99ᵉ centile et débit disponibles après npm run bench:nlp',
    perClassNote: 'F1 par catégorie : sur l’ensemble des prédictions hors pli (les {products} produits).',
    perClassNotePooled:
      'F1 par catégorie (nom + description) : sur l’ensemble des prédictions hors pli, chacun des {products} produits prédit une fois par graine pour les encodeurs ({predictions} prédictions) et une fois pour le TF-IDF.',
    trainTimeNote:
      'Temps d’entraînement : temps de calcul de chaque étape tel qu’il a été mesuré pendant l’entraînement ; les étapes n’ont pas toutes tourné dans les mêmes conditions (machine partagée ou non, 1 ou 2 threads : voir metrics.json), ces durées ne se comparent qu’en ordre de grandeur.',
    f1Figure: {
      title: 'Macro-F1 par modèle (moyenne et écart-type sur les plis)',
      caption:
        'Macro-F1 de validation croisée de chaque modèle, ablation comprise ; le trait donne ± un écart-type entre plis. Le meilleur est {best} ({f1}).',
      label: 'Diagramme en barres du macro-F1 de chaque modèle avec barres d’erreur',
      axis: 'Macro-F1',
      titleSeeds: 'Macro-F1 par modèle sur nom + description (moyenne et écart-type)',
      captionSeeds:
        'Macro-F1 de validation croisée de chaque modèle sur nom + description, ablation comprise ; le trait donne ± un écart-type, sur les graines et les plis pour les encodeurs, sur les plis pour le TF-IDF. Le meilleur est {best} ({f1}).',
    },
    f1ViewsFigure: {
      title: 'Macro-F1 sur nom + description et sur le nom seul',
      caption:
        'Macro-F1 de validation croisée de chaque modèle selon le texte donné ; le trait donne ± un écart-type. Sur le nom seul, le meilleur est {best} ({f1}). Écart du nom seul à nom + description : {drops}.',
      drop: '{model} {delta} pt',
      label: 'Diagramme en barres groupées du macro-F1 de chaque modèle sur nom + description et sur le nom seul, avec barres d’erreur',
      full: 'Nom + description',
      name: 'Nom seul',
      axis: 'Macro-F1',
      std: 'écart-type',
    },
    confusionHeading: 'Matrices de confusion',
    confusionIntro:
      'Lignes : catégorie réelle ; colonnes : catégorie prédite ; chaque case donne le nombre de produits et sa part de la ligne. La diagonale correspond aux bonnes réponses.',
    confusion: {
      title: 'Matrice de confusion — {model}',
      caption:
        '{model} classe correctement {correct} produits sur {total} ({accuracy}). Confusion la plus fréquente : {actual} pris pour {predicted} ({count} produits).',
      captionPerfect: '{model} classe correctement {correct} produits sur {total} ({accuracy}).',
      label: 'Carte de chaleur de la matrice de confusion de {model}',
      actual: 'Catégorie réelle',
      predicted: 'Catégorie prédite',
      tableCaption: 'Matrice de confusion de {model} (lignes : réel ; colonnes : prédit)',
      captionPooled:
        '{model} : {correct} prédictions justes sur {total} ({accuracy}), chacun des {products} produits étant prédit une fois par graine ({seeds} graines). Confusion la plus fréquente : {actual} pris pour {predicted} ({count} prédictions).',
      captionPerfectPooled:
        '{model} : {correct} prédictions justes sur {total} ({accuracy}), chacun des {products} produits étant prédit une fois par graine ({seeds} graines).',
    },
    pretrainingHeading: 'Courbes de pré-entraînement',
    pretrainingIntro:
      'Pendant le pré-entraînement, des textes mis de côté sont masqués une fois pour toutes et évalués à intervalles réguliers : perte du modèle de langue masqué (plus bas = mieux) et part des tokens masqués retrouvés. L’axe horizontal compte les tokens vus, le budget commun aux recettes. Les deux tokeniseurs n’ayant pas le même vocabulaire, les pertes se comparent surtout par leur évolution.',
    lossFigure: {
      title: 'Perte MLM sur les textes mis de côté',
      caption: 'Perte du modèle de langue masqué selon les tokens vus. En fin de budget : {values}.',
      label: 'Courbes de la perte MLM selon les tokens vus, une par recette',
      x: 'Tokens vus',
      y: 'Perte MLM (entropie croisée)',
    },
    accuracyFigure: {
      title: 'Tokens masqués retrouvés sur les textes mis de côté',
      caption: 'Part des tokens masqués que le modèle retrouve exactement, selon les tokens vus. En fin de budget : {values}.',
      label: 'Courbes de l’exactitude sur les tokens masqués selon les tokens vus, une par recette',
      x: 'Tokens vus',
      y: 'Exactitude sur les tokens masqués',
    },
    tokens: 'Tokens vus',
    loss: 'Perte',
    accuracy: 'Exactitude',
    ablationHeading: 'Ablation',
    ablationIntro: 'Une ablation ne change qu’un élément d’une recette pour en mesurer l’effet seul.',
    ablationCaption: 'Ablations : recette de référence et variante',
    ablationColumns: [
      'Variante',
      'Comparée à',
      'Élément changé',
      'Exactitude MLM (référence → variante)',
      'Macro-F1, nom + description (référence → variante)',
      'Macro-F1, nom seul (référence → variante)',
    ],
    ablationSentence:
      '{variant} ne change que {changed} par rapport à {base} : macro-F1 {baseF1} → {variantF1} ({delta} pt), exactitude sur les tokens masqués {baseAcc} → {variantAcc}.',
    ablationPrevious: '{f1} (protocole précédent)',
    ablationPreviousSentence:
      'Ces macro-F1 sont ceux du protocole précédent (plis stratifiés, entraînement et évaluation sur nom + description, une seule graine) : ils ne se comparent pas aux chiffres du tableau de comparaison.',
    changedNames: {
      masking: 'le masquage',
      objective: 'les tâches de pré-entraînement',
      data: 'les données',
      batch_size: 'la taille de lot',
      tokenizer: 'le tokeniseur',
    },
  },
  demo: {
    heading: '4. Démonstration',
    intro:
      'Saisissez ou choisissez une description de produit : les trois modèles la classent, puis on montre quels mots ont compté et ce que regarde l’attention. Les calculs tournent sur ce serveur, avec les modèles présentés plus haut.',
    unavailable: 'Aucun modèle n’est disponible sur ce serveur : la démonstration est désactivée.',
    textLabel: 'Texte du produit (nom et description, en anglais)',
    textHint: '{max} caractères au plus. Les encodeurs ne lisent que les premiers tokens.',
    exampleLabel: 'Ou choisir un produit réel',
    examplePlaceholder: '— Choisir un exemple —',
    exampleOption: '{label} — {name}',
    submit: 'Classer',
    running: 'Classement en cours…',
    explaining: 'Calcul des attributions ({model})…',
    errors: {
      empty: 'Saisissez un texte à classer.',
      tooLong: 'Texte trop long : {n} caractères pour {max} au plus.',
      unavailable: 'Ce modèle n’est pas disponible sur le serveur.',
      failed: 'Le serveur n’a pas pu classer ce texte. Réessayez.',
      busy: 'Trop de demandes depuis cette adresse : réessayez dans {s} s.',
    },
    counter: '{n} caractères saisis.',
    characters: '{n} caractères, {words} mots',
    predictionsHeading: 'Prédictions des trois modèles',
    predicted: 'Catégorie prédite : {label} ({p})',
    confidence: { high: 'confiance élevée', medium: 'confiance moyenne', low: 'confiance faible' },
    confidenceLine: 'Confiance du modèle : {level}',
    confidenceNote:
      'La confiance est la probabilité que le modèle donne à sa réponse : élevée à partir de 80 %, moyenne de 50 à 80 %, faible en dessous. Ce sont des sorties softmax, non calibrées : une aide à la lecture, pas une garantie.',
    trainedOn:
      'Les trois modèles ont été entraînés sur le nom suivi de la description de chaque produit (une centaine de mots en médiane), pas sur un nom seul.',
    trainedOnBoth:
      'Les trois modèles ont été entraînés sur le nom suivi de la description de chaque produit (une centaine de mots en médiane) et sur le nom seul.',
    warningsHeading: 'À lire avant les réponses',
    disagreement: 'Les modèles ne sont pas d’accord ({answers}) : aucune réponse n’est sûre. Comparez leurs probabilités et les mots qui comptent.',
    answer: '{model} : {label}',
    shortInput:
      'Texte très court : {words} mots, alors que 90 % des textes d’entraînement (nom et description) en comptent au moins {p10} (médiane {median}). Les modèles n’ont pas appris sur des textes aussi courts : leurs réponses sont moins fiables.',
    shortInputBoth:
      'Texte très court : {words} mots, alors que 90 % des noms de produits sur lesquels les modèles ont appris en comptent au moins {p10} (médiane {median}). Leurs réponses sur un texte aussi court sont moins fiables.',
    nameLike:
      'Texte aussi court qu’un nom de produit ({words} mots ; les noms avec leur description en comptent {median} en médiane). Les modèles ont aussi appris sur des noms seuls : leur justesse sur ce genre d’entrée figure aux lignes « nom seul » du tableau de comparaison.',
    latency: 'Latence : {ms}',
    tokensRead: 'Tokens lus : {tokens} sur {max}',
    tokensTruncated: 'texte tronqué : {tokens} tokens, seuls les {max} premiers sont lus',
    wholeText: 'Lit tout le texte',
    probabilitiesCaption: 'Probabilités de {model} par catégorie',
    category: 'Catégorie',
    probability: 'Probabilité',
    attributionsHeading: 'Les mots qui comptent (occlusion)',
    attributionsIntro:
      'Pour chaque mot, on le retire du texte et on mesure de combien baisse la probabilité de la catégorie prédite : c’est la même méthode pour les trois modèles. Seuls les {max} premiers mots lus par le modèle sont testés. Trait plein sous un mot : il soutient la prédiction ; trait en pointillé : il la contredit ; l’intensité du fond suit l’effet.',
    attributionModel: 'Modèle expliqué',
    explainedTarget: 'Catégorie expliquée : {label} (probabilité {p}) ; {considered} mots testés sur {total}.',
    attributionsText: 'Texte annoté',
    topWordsCaption: 'Mots les plus influents pour {model} (effet sur la probabilité de {label})',
    word: 'Mot',
    effect: 'Effet du mot (points de probabilité)',
    direction: 'Sens',
    supports: 'soutient',
    opposes: 'contredit',
    saturation:
      'Quand une probabilité est très proche de 100 %, retirer un seul mot la change peu : les effets sont alors petits mais leur ordre reste parlant.',
    attentionHeading: 'Carte d’attention',
    attentionModel: 'Encodeur',
    layer: 'Couche',
    head: 'Tête',
    headMean: 'Moyenne des têtes',
    layerOption: 'Couche {n}',
    headOption: 'Tête {n}',
    attentionFigure: {
      title: 'Attention de {model}, couche {layer}, {head}',
      caption:
        'Ligne : le token qui regarde (requête) ; colonne : le token regardé (clé) ; plus la case est foncée, plus le poids est fort. {shown} tokens affichés sur {total} lus. Le token le plus regardé est « {top} ».',
      label: 'Carte de chaleur des poids d’attention de {model}, couche {layer}, {head}',
      query: 'Requête',
      key: 'Clé',
      weight: 'Poids',
      tableCaption: 'Pour chaque token, les trois tokens qu’il regarde le plus',
      token: 'Token',
      topKeys: 'Tokens les plus regardés (poids)',
      headName: 'tête {n}',
      meanName: 'moyenne des têtes',
    },
    tokenNote: 'BERT marque la suite d’un mot par ## ; RoBERTa marque par Ġ un token précédé d’une espace.',
  },
  conclusion: {
    heading: '5. Limites et conclusion',
    scaleHeading: 'L’échelle du pré-entraînement',
    scale:
      'Chaque recette a vu {ours} tokens pendant son pré-entraînement. BERT en a vu environ 4 × 10¹⁰ (1M de pas de 256 séquences de 128 puis 512 tokens) et RoBERTa environ 2 × 10¹² (500K pas de 8K séquences de 512 tokens), soit environ {factor} fois plus que nos recettes. Nos encodeurs ont aussi {params} paramètres, contre 355 M pour RoBERTa-large. Les écarts entre recettes observés ici mesurent donc ce que chaque recette apporte avec très peu de données et de calcul, pas ce qu’elle apporte à l’échelle de l’article.',
    checkpointsHeading: 'Ce que changeraient les modèles officiels',
    checkpoints: [
      'Partir des modèles publiés (bert-base-uncased, roberta-base), pré-entraînés sur des milliards de mots, devrait réduire nettement l’écart avec le TF-IDF, sans garantie de le dépasser : des travaux publics sur le jeu Flipkart complet ont trouvé le TF-IDF devant un BERT affiné, car ces textes sont riches en mots-clés. L’avantage de RoBERTa sur BERT mesuré par l’article (tableau 5 : +3,6 points sur MNLI, +16,2 sur RTE) porte sur des tâches de compréhension difficiles ; il serait sans doute faible sur une classification de fiches produits.',
      'Le coût changerait aussi : un modèle base compte 110 à 125 M de paramètres (environ 0,5 Go en float32), contre quelques Mo pour le TF-IDF, et sa latence sur processeur se compte en dizaines de millisecondes par texte au lieu de moins d’une milliseconde.',
    ],
    limitsHeading: 'Limites de cette étude',
    limits: [
      '1 050 produits seulement et 7 catégories assez séparées : les textes répètent le nom, la marque et le type de produit, ce qui favorise les méthodes par mots-clés.',
      'Un seul jeu d’hyper-paramètres d’affinage pour les deux encodeurs, sans réglage ; une seule graine de pré-entraînement par recette.',
      'Les encodeurs ne lisent que les premiers tokens de chaque texte ; le TF-IDF lit tout.',
      'Les lots plus grands de RoBERTa ne sont gardés qu’en tokens : 16 séquences FULL-SENTENCES portent 1,7 fois les tokens d’un lot BERT. Un premier essai fidèle à l’article (64 séquences, lr 1e-3) ne laissait que 336 mises à jour dans le budget : l’encodeur est resté sur le plateau « token le plus fréquent » (précision masquée 0,047) et n’a pas pu être affiné (macro-F1 0,04). À cette échelle, le nombre de mises à jour compte plus que la taille du lot.',
      'Les attributions par occlusion mesurent l’effet du retrait d’un mot à la fois : elles ignorent les interactions entre mots et peuvent être petites quand la probabilité est saturée.',
    ],
    recommendationHeading: 'Recommandation',
    recommendation: {
      tfidfWins:
        'Sur ce besoin, {winner} l’emporte ({f1} de macro-F1) : nous recommandons de le mettre en production, car il est aussi le plus léger et le plus rapide. Entre les deux recettes de pré-entraînement, {bertVsRoberta} Adopter RoBERTa plutôt que BERT ne se justifierait que pour des textes plus difficiles, et alors à partir du modèle officiel roberta-base affiné, pas d’un pré-entraînement maison.',
      transformerWins:
        'Sur ce besoin, {winner} l’emporte ({f1} de macro-F1, contre {tfidf} pour le TF-IDF). Entre les deux recettes, {bertVsRoberta} Avant d’adopter un encodeur, il faut mettre ce gain en regard de sa taille ({size}) et de sa latence, et partir de préférence du modèle officiel affiné.',
      quick:
        'Les modèles actuellement servis sont ceux du mode rapide : aucune recommandation ne peut en être tirée. Relancez npm run train:nlp (mode complet) pour obtenir des résultats exploitables.',
      pending: 'Recommandation disponible quand les résultats d’entraînement le seront.',
    },
    robertaBetter: 'la recette RoBERTa fait mieux que la recette BERT ({delta} pt).',
    robertaWorse: 'la recette RoBERTa fait moins bien que la recette BERT ({delta} pt).',
    robertaEqual: 'elles font jeu égal ({delta} pt).',
    withinNoise: 'l’écart reste dans la variation entre plis.',
    withinNoiseSeeds: 'l’écart reste dans la variation entre graines et plis.',
    nameBest: 'Sur le nom seul, {model} fait le mieux ({f1} de macro-F1), {margin} point(s) devant {second} ({secondF1}){noise}.',
    nameEqual: 'Sur le nom seul, {model} et {second} font jeu égal ({f1} et {secondF1} de macro-F1).',
    nameOnly: 'Sur le nom seul, seul {model} a été mesuré ({f1} de macro-F1).',
  },
  note: {
    title: 'Note méthodologique : classification des produits, TF-IDF, BERT et RoBERTa',
    metaDescription:
      'Note méthodologique de la veille technique : données, prétraitement, modèles, protocole, évaluation, résultats, interprétabilité et limites.',
    backLink: 'Retour à la page de veille',
    print: 'Imprimer ou enregistrer en PDF',
    generated: 'Résultats du {date} (mode {mode}), lus dans {dir}.',
    toc: 'Sommaire',
    sections: {
      data: '1. Données',
      preprocessing: '2. Prétraitement',
      models: '3. Modèles',
      protocol: '4. Protocole d’entraînement',
      evaluation: '5. Évaluation',
      results: '6. Résultats',
      interpretability: '7. Interprétabilité',
      limits: '8. Limites',
      references: 'Références',
    },
    data: [
      '{products} produits du catalogue Flipkart (fichier flipkart_com-ecommerce_sample_1050.csv), {categories} catégories équilibrées de {perCategory} produits : {labels}.',
      'Le corpus non étiqueté du pré-entraînement (dossier corpus/ des données partagées) mêle des textes de produits et des textes généraux en anglais ; les textes mis de côté pour mesurer le pré-entraînement n’y sont jamais vus.',
    ],
    preprocessing: [
      'Texte = nom du produit + espace + description, espaces consécutives réduites à une seule (fonction productText, la même à l’entraînement et en service). Étiquette = premier niveau de product_category_tree ; l’ordre des étiquettes est l’ordre alphabétique des noms, commun à tous les modèles.',
      'TF-IDF : minuscules ; n-grammes de mots de 1 à 2 et n-grammes de caractères de 2 à 5 pris à l’intérieur des mots ; tf sous-linéaire (1 + ln tf), normalisation L2 par analyseur. Encodeurs : tokeniseurs d’origine de bert-base-uncased (WordPiece, minuscules) et de roberta-base (BPE sur octets, casse conservée), appliqués par transformers.js pour l’entraînement comme pour le service ; troncature aux {maxLen} premiers tokens, tokens spéciaux compris.',
    ],
    models: [
      'Référence : TF-IDF + régression logistique multinomiale (scikit-learn), exportée en JSON + poids float64 et recalculée en TypeScript (écart maximal avec scikit-learn vérifié à l’export).',
      'Encodeurs : architecture BERT ({layers} couches, dimension {hidden}, {heads} têtes, feed-forward {ffn}) ; même taille pour les deux recettes, seuls le vocabulaire et les tokens spéciaux diffèrent. Tête de classification : celle de BertForSequenceClassification (pooler puis couche linéaire) et de RobertaForSequenceClassification. Export ONNX (poids stockés en float16, calculs en float32) servi par transformers.js et onnxruntime-node ; les logits sont comparés à ceux de PyTorch sur des produits de contrôle.',
    ],
    protocol: [
      'Pré-entraînement : même budget de {budget} tokens par recette (tokens non-remplissage vus par l’encodeur), même corpus. Recette BERT : WordPiece, MLM + NSP sur paires de segments, masquage statique, sous-ensemble des données répété, lots de {bertBatch}, taux {bertLr}, β₂ {bertBeta2}. Recette RoBERTa : BPE sur octets, MLM seul sur des séquences de phrases contiguës, masquage dynamique, toutes les données (environ {dataRatio} fois plus) vues une fois, lots de {robertaBatch}, taux {robertaLr}, β₂ {robertaBeta2}.',
      'Affinage : mêmes hyper-paramètres pour les deux encodeurs ({epochs} époques, lots de {batch}, taux {lr}, montée progressive puis décroissance linéaire), sans réglage par modèle. Validation croisée stratifiée à {folds} plis (graine {seed}) : dans chaque pli, l’encodeur pré-entraîné est affiné sur 4/5 des produits et évalué sur le reste. Les modèles servis sont affinés sur une partition stratifiée 80/20 ({nTrain} / {nTest} produits).',
    ],
    protocolFinetuneGrouped:
      'Affinage : mêmes hyper-paramètres pour les deux encodeurs ({epochs} époques, lots de {batch}, taux {lr}, montée progressive puis décroissance linéaire), sans réglage par modèle. {cv}',
    evaluationSeeds:
      'Mesures : exactitude et macro-F1 (moyenne non pondérée des F1 des 7 catégories){views}, en moyenne ± écart-type (échantillon) sur les {n} paires (graine, pli) pour les encodeurs ({seeds} graines × {folds} plis) et sur les {folds} plis pour le TF-IDF ; F1 par catégorie et matrices de confusion sur l’ensemble des prédictions hors pli (nom + description) de toutes les graines. Le vainqueur est désigné par le macro-F1 moyen de validation croisée sur nom + description.',
    evaluationViews: ', sur le nom + description et sur le nom seul',
    evaluation: [
      'Mesures : exactitude et macro-F1 (moyenne non pondérée des F1 des 7 catégories), en moyenne ± écart-type (échantillon) sur les plis ; F1 par catégorie et matrices de confusion sur l’ensemble des prédictions hors pli. Le vainqueur est désigné par le macro-F1 moyen de validation croisée.',
      'Coûts : temps d’entraînement mesuré par le pipeline ({threads} fils), taille des dossiers exportés, latence par texte et débit mesurés en service (Node.js, onnxruntime-node) par npm run bench:nlp.',
    ],
    resultsIntro:
      'Les chiffres ci-dessous sont lus dans metrics.json et latency.json ; la page de veille les présente aussi sous forme de graphiques.',
    interpretability: [
      'Attributions par occlusion, identiques pour les trois modèles : effet d’un mot = probabilité de la catégorie prédite avec le texte complet moins probabilité sans ce mot. Seuls les {maxWords} premiers mots situés entièrement dans la fenêtre lue par le modèle sont testés ; toutes les variantes sont classées par lots.',
      'Cartes d’attention : poids d’attention (softmax) de chaque couche et de chaque tête, sortis directement par le graphe ONNX. Ils montrent où le modèle regarde, pas pourquoi il décide : une forte attention n’implique pas une forte influence sur la prédiction.',
    ],
    limitsIntro: 'Voir aussi la section « Limites et conclusion » de la page de veille.',
    noResults: 'Résultats non disponibles : {reason}.',
  },
};
