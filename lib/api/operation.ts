import type { z } from 'zod';
import type { Caller } from './auth';
import type { Scope } from './config';
import type { ProblemSlug } from './problem';

/**
 * An operation of the public API: method, path template and the zod schemas of its path
 * parameters, query, body and response. The same object validates requests (route wrapper)
 * and generates the OpenAPI document — one source of truth for the contract.
 */

export type Method = 'GET' | 'POST';

export interface JsonBodySpec {
  readonly maxBytes: number;
  readonly example?: unknown;
}

export interface CsvReadContext {
  readonly maxBytes: number;
  /** The request's validated query (limits may depend on it). */
  readonly query: unknown;
  /** Fires when the client goes away. */
  readonly signal: AbortSignal | undefined;
}

export interface CsvBodySpec {
  readonly maxBytes: number;
  /** Schema of the CSV records when it differs from the JSON body's (e.g. more records allowed). */
  readonly schema?: z.ZodType;
  /**
   * Reads the CSV body as it arrives into the value the body schema validates, enforcing
   * `maxBytes` while reading; throws ApiError on a malformed file or past a limit.
   */
  readonly read: (body: ReadableStream<Uint8Array> | null, context: CsvReadContext) => Promise<unknown>;
  /** `read` validates each record itself (the value it returns is already the schema's output). */
  readonly validates?: boolean;
  readonly example?: string;
}

export interface BodySpec {
  readonly schema: z.ZodType;
  /** Name of the schema in the OpenAPI components. */
  readonly schemaId: string;
  readonly json?: JsonBodySpec;
  readonly csv?: CsvBodySpec;
}

export interface ResponseSpec {
  readonly schema: z.ZodType;
  readonly schemaId: string;
  readonly example?: unknown;
}

export interface Operation {
  /** Key of the operation's summary and description in the apiDocs dictionaries. */
  readonly operationId: string;
  readonly method: Method;
  /** OpenAPI path template, e.g. `/api/v1/applications/{id}`. */
  readonly path: `/api/v1/${string}`;
  readonly tag: string;
  /** Scope an API key needs when API_KEYS is set (every /api/v1 route requires a key then). */
  readonly scope: Scope;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: BodySpec;
  readonly response: ResponseSpec;
  /** Query of the example request shown in the documentation (path parameters use their schema's example). */
  readonly exampleQuery?: Readonly<Record<string, string>>;
  /** Problem types this operation can answer with, besides the ones every route can (401, 403, 405, 429, 500). */
  readonly problems: readonly ProblemSlug[];
  /**
   * Long computations (batch scoring, counterfactual search, model inference): they run under the
   * per-process heavy-work gate — a few at once, a bounded queue behind them, 503 with Retry-After
   * beyond it — so that light requests keep their latency.
   */
  readonly heavy?: boolean;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOut<B> = B extends BodySpec ? z.output<B['schema']> : undefined;

export interface HandlerInput<O extends Operation> {
  readonly params: Out<O['params']>;
  readonly query: Out<O['query']>;
  readonly body: BodyOut<O['body']>;
  /** Media type the body came in (undefined without a body). */
  readonly bodyType: 'application/json' | 'text/csv' | undefined;
  readonly request: Request;
  readonly caller: Caller;
  /** Fires when the client goes away: long work checks it between slices and stops. */
  readonly signal: AbortSignal | undefined;
  /**
   * For a handler that answers with a stream whose work continues after it returns: takes over the
   * heavy-work slot (a no-op function for light operations); call the function returned once the
   * stream has ended or was cancelled.
   */
  readonly holdWorkSlot: () => () => void;
}

export type HandlerResult<O extends Operation> = z.output<O['response']['schema']> | Response;

export type Handler<O extends Operation> = (input: HandlerInput<O>) => HandlerResult<O> | Promise<HandlerResult<O>>;

/** An operation as written in the catalogue: its operationId is its key there, the problems its parts imply may be left out. */
export type OperationSpec = Omit<Operation, 'operationId' | 'problems'> & {
  /** Problems of its own (409, 503…), besides the ones its parameters and body imply. */
  readonly problems?: readonly ProblemSlug[];
};

/** What a request body can go wrong with: not parseable, too large, another media type, invalid fields. */
const BODY_PROBLEMS: readonly ProblemSlug[] = ['malformed-request', 'payload-too-large', 'unsupported-media-type', 'validation-failed'];

/**
 * The operation, its problems listed with the ones its parts imply first: invalid parameters
 * with path or query parameters, not found with path parameters, the body problems with a body.
 */
export function defineOperation<const O extends OperationSpec>(spec: O): Omit<O, 'problems'> & Pick<Operation, 'problems'> {
  const implied: readonly ProblemSlug[] = [
    ...(spec.params || spec.query ? (['invalid-parameters'] as const) : []),
    ...(spec.params ? (['not-found'] as const) : []),
    ...(spec.body ? BODY_PROBLEMS : []),
  ];
  return { ...spec, problems: [...new Set([...implied, ...(spec.problems ?? [])])] };
}

/** The catalogue of operations, each under its operationId (the key, written once), in the order given. */
export function catalogue<const C extends Readonly<Record<string, Omit<Operation, 'operationId'>>>>(
  operations: C,
): { readonly [K in keyof C & string]: C[K] & { readonly operationId: K } } {
  return Object.fromEntries(Object.entries(operations).map(([operationId, operation]) => [operationId, { operationId, ...operation }])) as {
    readonly [K in keyof C & string]: C[K] & { readonly operationId: K };
  };
}
