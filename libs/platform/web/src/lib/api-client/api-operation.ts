/**
 * One operation of the api, as scripts/openapi.mjs generates it from apps/api/openapi.json
 * (`generated/operations/<tag>.ts`): where it lives and how its body and answer travel. `Params` and `Result` are
 * types only — `{ path?, query?, body? }` and the answer — so that `ApiClient.call` is typed end to end.
 */
export interface ApiOperation<Params, Result> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the path template, `{name}` for each path parameter */
  readonly path: string;
  /** how the request body is sent, when the operation takes one */
  readonly body?: 'json' | 'multipart';
  /** how the answer is read: JSON, a file (Blob), or nothing (204) */
  readonly response: 'json' | 'blob' | 'none';
  /** never set: carries the types */
  readonly types?: { params: Params; result: Result };
}

/** What a call of an operation with these params passes: nothing when it takes none. */
export type ParamsArg<P> = [P] extends [void] ? [] : void extends P ? [params?: Exclude<P, void>] : [params: P];
