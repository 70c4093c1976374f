/** Page de documentation de l'API (français, référence de la forme). Les textes anglais des opérations servent aussi au document OpenAPI. */
export const apiDocs = {
  title: 'API de scoring',
  lead: "Les autres programmes de l'entreprise (octroi de prêts, traitements par lots) obtiennent les mêmes décisions et explications que le tableau de bord par des routes JSON versionnées sous /api/v1.",
  openApiLink: 'Document OpenAPI 3.1',
  openApiDescription:
    'Scores et explications des demandes de prêt par le modèle de crédit. Erreurs au format RFC 9457 (application/problem+json). Limites : {json} en JSON, {csv} en CSV.',
  contents: 'Sommaire',
  sections: {
    overview: "Vue d'ensemble",
    auth: 'Authentification',
    limits: 'Limites de débit et de taille',
    errors: 'Erreurs',
    operations: 'Routes',
  },
  overview: [
    'Chemin de base : /api/v1. Requêtes et réponses en JSON (UTF-8) ; POST /api/v1/score accepte aussi text/csv.',
    "Les réponses ne sont jamais mises en cache (Cache-Control: no-store) et portent un en-tête X-Request-Id, que l'on retrouve dans le journal du serveur.",
    "Les demandes brutes utilisent les noms de champs Home Credit ; tout champ peut être absent ou null (manquant). Les champs inconnus sont refusés, pour qu'un nom mal orthographié ne soit jamais scoré comme manquant.",
  ],
  auth: [
    "Quand le serveur est lancé avec API_KEYS (clés séparées par des virgules), toutes les routes /api/v1 (health et le document OpenAPI compris ; les sondes de disponibilité envoient aussi la clé) exigent l'en-tête Authorization: Bearer <clé> ; sinon 401.",
    'Une clé peut être limitée par un suffixe : clé:read ne peut que lire (routes GET) ; clé:score ne peut que scorer (routes POST de score) ; sans suffixe, les deux. Enregistrer une décision demande le droit decide, donné explicitement (clé:read+decide) ; il faut alors une clé même sans API_KEYS, et la clé (son étiquette, jamais la clé elle-même) est l’auteur de la décision. Une clé sans le droit nécessaire reçoit 403.',
  ],
  limits: [
    'Chaque clé (chaque adresse cliente si les clés sont désactivées) a un seau de jetons : API_RATE_LIMIT_RPS requêtes par seconde (5 000 par défaut), rafales de API_RATE_LIMIT_BURST (le double par défaut). Au-delà : 429 avec Retry-After.',
    'Chaque réponse porte RateLimit-Limit, RateLimit-Remaining et RateLimit-Reset.',
    'Corps : 4 Mo de JSON (jusqu’à 1 000 demandes), 8 Mo de CSV (jusqu’à 10 000 lignes) ; avec explications, demandes × top ≤ 10 000 ; au-delà : 413. Les réponses sont envoyées au fil du calcul. Lots plus gros : la CLI de score.',
  ],
  errorsLead:
    "Toute erreur est un document « problem » (RFC 9457) de type application/problem+json : type, title, status, detail, requestId, et errors (liste de { path, message }) quand des champs sont en cause. Chemins : AMT_CREDIT, [3].AMT_CREDIT (élément 3 d'un tableau ou ligne 3 d'un CSV), query.top, path.id. Les valeurs envoyées ne sont jamais recopiées.",
  problems: {
    'malformed-request':
      'Le corps est illisible : JSON ou UTF-8 invalide, CSV au mauvais nombre de champs, JSON imbriqué sur plus de 32 niveaux, corps vide.',
    'invalid-parameters': 'Un paramètre de chemin ou de requête est invalide (identifiant non numérique, top=0, paramètre inconnu, curseur forgé…).',
    unauthorized: "Les clés d'API sont activées et la requête n'a pas de clé, ou une clé invalide.",
    forbidden: "La clé est valide mais n'a pas le droit requis par la route (read, score ou decide).",
    'not-found': 'Route inexistante, ou aucune demande enregistrée avec cet identifiant.',
    'method-not-allowed': "La route existe mais pas avec cette méthode ; l'en-tête Allow liste celles qu'elle accepte.",
    'payload-too-large':
      "Le corps dépasse la limite (4 Mo en JSON, 8 Mo en CSV), ou la requête demande plus que ce qu'une requête peut (au plus 10 000 demandes en CSV ; avec explications, demandes × top ≤ 10 000) ; le serveur arrête de lire dès le dépassement.",
    'request-timeout': "Le client n'a pas envoyé ses en-têtes en 10 s ou toute sa requête en 30 s ; la connexion est fermée.",
    conflict:
      "La requête contredit l'état actuel : une Idempotency-Key déjà utilisée avec une autre requête, ou une décision prise sur une version du modèle qui n'est plus la version actuelle (rechargez le dossier).",
    'unsupported-media-type':
      "Content-Type absent ou non accepté par la route (Accept-Post liste les types acceptés), ou jeu de caractères autre qu'UTF-8.",
    'validation-failed':
      "Le corps est bien formé mais des champs sont invalides : mauvais type, hors bornes, champ ou catégorie inconnus, champ requis absent (montant du crédit, annuité, revenu : le modèle ne décide pas sans eux). Toutes les erreurs sont listées ; rien n'est scoré.",
    'rate-limited': 'Trop de requêtes pour cette clé : attendre le nombre de secondes indiqué par Retry-After.',
    'internal-error': "Le serveur a échoué ; l'erreur est journalisée sous l'identifiant de requête. Elle ne vient jamais du contenu de la requête.",
    'service-unavailable':
      "Un modèle nécessaire à la route n'est pas disponible sur ce serveur (pas entraîné ou pas déployé), ou le serveur calcule déjà autant de requêtes lourdes (score par lots, contrefactuel, texte) qu'il en accepte : réessayer après le nombre de secondes indiqué par Retry-After.",
  },
  labels: {
    method: 'Méthode',
    path: 'Chemin',
    scope: 'Droit de la clé :',
    parameters: 'Paramètres',
    name: 'Nom',
    location: 'Où',
    required: 'Obligatoire',
    yes: 'oui',
    no: 'non',
    description: 'Description',
    requestBody: 'Corps de la requête',
    response: 'Réponse',
    example: 'Exemple',
    curl: 'Avec curl',
    errors: 'Erreurs',
    status: 'Statut',
    problemType: 'Type de problème',
    meaning: 'Signification',
  },
  operations: {
    getHealth: {
      summary: 'Vivacité et modèles chargés',
      description: 'Répond tant que le serveur tourne ; liste les modèles utilisés, s’ils sont chargés et leurs versions. Sans clé.',
      response: 'Le service est vivant.',
    },
    getOpenApi: {
      summary: 'Cette API en document OpenAPI 3.1',
      description: 'Généré à partir des schémas qui valident les requêtes. Sans clé.',
      response: 'Le document OpenAPI.',
    },
    listApplications: {
      summary: 'Lister et chercher les demandes enregistrées',
      description:
        'Les demandes enregistrées par identifiant croissant, page par page (pagination par curseur). q garde les identifiants qui commencent par ces chiffres (saisie semi-automatique) ; set garde les prêts historiques (train) ou les nouvelles demandes (test).',
      response: 'Une page de demandes.',
    },
    getApplication: {
      summary: "Profil d'une demande",
      description: "Les 120 champs d'une demande enregistrée (null = manquant), son ensemble, et l'issue réelle s'il s'agit d'un prêt historique.",
      response: 'La demande.',
    },
    getApplicationScore: {
      summary: "Score d'une demande enregistrée",
      description: 'Probabilité calibrée de difficultés de paiement, seuil qui minimise le coût et décision.',
      response: 'Le score.',
    },
    getApplicationExplanation: {
      summary: "Explication d'une demande enregistrée",
      description:
        'Le score, les top plus grandes contributions SHAP (en log-odds, > 0 pousse vers le refus) et les raisons en langage clair de chaque côté, en français ou en anglais.',
      response: 'Le score et son explication.',
    },
    scoreApplications: {
      summary: 'Scorer des demandes brutes',
      description:
        "Score une demande (objet JSON), jusqu'à 1 000 (tableau JSON) ou jusqu'à 10 000 (text/csv, ligne d'en-tête avec les noms de champs). Chaque résultat donne la probabilité, le seuil, la décision et (sauf explain=false) l'explication. Si une demande est invalide, rien n'est scoré : 422 liste toutes les erreurs avec leur chemin ([3].AMT_CREDIT).",
      response: 'Un résultat par demande, dans l’ordre de la requête.',
    },
    getApplicationNeighbours: {
      summary: 'Prêts historiques les plus proches',
      description: 'Les k prêts historiques les plus proches de la demande sur des variables standardisées, avec leur issue et leur taux de défaut.',
      response: 'Les voisins.',
    },
    getApplicationDistribution: {
      summary: "Distribution d'un champ et position du client",
      description:
        "La distribution d'un champ sur les prêts historiques, séparée par issue (histogramme ou catégories), et la position du client. Les champs DAYS_* sont en années écoulées.",
      response: 'La distribution.',
    },
    whatIf: {
      summary: 'Et si certains champs changeaient',
      description: 'Rescore la demande enregistrée avec les champs modifiés (null rend un champ manquant) et renvoie les deux scores.',
      response: 'Le score avant et après les changements.',
    },
    getCounterfactual: {
      summary: 'Plus petit changement qui renverse un refus',
      description: 'Pour une demande refusée, le plus petit changement des champs modifiables trouvé qui la fait accepter.',
      response: 'Le contrefactuel (null si aucun trouvé ou si la demande est acceptée).',
    },
    postDecision: {
      summary: 'Enregistrer une décision',
      description:
        "Enregistre la décision humaine sur une demande : accorder, refuser ou escalader vers un superviseur. Aller contre la recommandation du modèle est une dérogation : au moins un motif de dérogation de la liste et une justification d'au moins 20 caractères. Il faut une clé API avec le droit decide (la clé est l'auteur). Avec l'en-tête Idempotency-Key, une requête répétée renvoie le premier enregistrement ; la même clé avec une autre requête : 409. Une décision prise sur une version du modèle qui n'est plus l'actuelle (modelVersion) : 409. Base de données indisponible : 503.",
      response: "L'enregistrement de la piste d'audit, chaîné par hachage au précédent.",
    },
    listDecisions: {
      summary: "Piste d'audit des décisions",
      description:
        'Les décisions enregistrées, les plus récentes d’abord, filtrées par demande, auteur, dérogation, décision et période, page par page (nextCursor).',
      response: 'Une page de décisions.',
    },
    getDecision: {
      summary: 'Une décision',
      description: "Un enregistrement de la piste d'audit (jamais modifié ni supprimé).",
      response: "L'enregistrement.",
    },
    getDecisionNotice: {
      summary: 'Notification au demandeur',
      description:
        "La lettre au demandeur, en français ou en anglais : la décision, jusqu'à quatre motifs principaux en clair avec leurs codes (jamais un attribut protégé), ce qui pourrait changer un refus, le droit à un réexamen humain et à contester, la date, la référence et la version du modèle.",
      response: 'La notification.',
    },
    getReasonCodes: {
      summary: 'Catalogue des codes de motif',
      description:
        "Les codes de motif stables que portent les explications : R01… vers le refus, A01… vers l'acceptation (même numéro, même thème), chacun avec les champs qu'il couvre et un texte court et long. Chaque entrée du modèle relève d'exactement un code par sens ; un attribut protégé (sexe, situation familiale, âge) n'a jamais de code et n'est jamais un motif.",
      response: 'Le catalogue des codes de motif.',
    },
    getMonitoring: {
      summary: 'Surveillance du modèle : les nouvelles demandes',
      description:
        "Stabilité de la population et du score des 48 744 nouvelles demandes par rapport aux prêts historiques (PSI du score sur les déciles de référence et de chaque entrée du modèle, avec les seuils conventionnels), taux d'acceptation, probabilité moyenne et taux de valeurs manquantes, et le backtesting des prédictions hors échantillon par décile de score et par segment.",
      response: 'Le rapport de stabilité et le backtesting.',
    },
    postMonitoring: {
      summary: 'Surveillance du modèle : un lot de demandes',
      description:
        "Le même rapport de stabilité pour les demandes d'un corps CSV (ligne d'en-tête avec les noms de champs, au plus 10 000 lignes) : chacune est scorée et comparée aux prêts historiques. Pour toute taille : `npm run monitor`.",
      response: 'Le rapport de stabilité du lot.',
    },
    getModelCard: {
      summary: 'Fiche du modèle',
      description: "Le modèle, ses métriques de validation, le seuil de décision et les coûts qu'il minimise, et l'importance globale des champs.",
      response: 'La fiche du modèle.',
    },
    classifyProductText: {
      summary: 'Classer un texte de produit (veille NLP)',
      description:
        'Classe un nom et une description de produit dans les 7 catégories Flipkart avec chaque modèle de la veille technique (TF-IDF, BERT, RoBERTa) : catégories classées avec leurs probabilités, latence de chaque modèle, troncature appliquée. Avec explain=true, attributions par occlusion : baisse de la probabilité de la catégorie prédite quand on retire chaque mot. Texte vide : 422 ; plus de 10 000 caractères : 413.',
      response: 'Les prédictions de chaque modèle.',
    },
  },
} as const;
