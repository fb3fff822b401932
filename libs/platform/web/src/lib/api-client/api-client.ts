import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type { ApiOperation, ParamsArg } from './api-operation';

type Scalar = string | number | boolean | null | undefined;
interface RequestParts {
  path?: Record<string, string | number>;
  query?: Record<string, Scalar>;
  body?: unknown;
}

/** The path with its `{name}` parameters filled in (URI-encoded) and the query (empty values left out). */
export function operationUrl<P, R>(op: ApiOperation<P, R>, ...args: ParamsArg<P>): string {
  const parts = (args[0] ?? {}) as RequestParts;
  const q = queryParams(parts.query).toString();
  return expandPath(op.path, parts.path) + (q ? `?${q}` : '');
}

function expandPath(template: string, values: RequestParts['path'] = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(v));
  });
}

function queryParams(query: RequestParts['query'] = {}): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') p = p.set(k, String(v));
  return p;
}

function formData(fields: unknown): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    if (v instanceof File) form.append(k, v, v.name);
    else if (v instanceof Blob) form.append(k, v);
    else form.append(k, String(v));
  }
  return form;
}

/**
 * Calls the api's operations through the descriptors generated from the OpenAPI document
 * (`generated/operations/<tag>.ts`): `api.call(organisationGet, { path: { id } })` is typed by the document,
 * so no URL or answer shape is written by hand. Errors stay `HttpErrorResponse`s (see `errorMessage`).
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  call<P, R>(op: ApiOperation<P, R>, ...args: ParamsArg<P>): Promise<R> {
    return firstValueFrom(this.request(op, ...args));
  }

  request<P, R>(op: ApiOperation<P, R>, ...args: ParamsArg<P>): Observable<R> {
    const parts = (args[0] ?? {}) as RequestParts;
    const url = expandPath(op.path, parts.path);
    const params = queryParams(parts.query);
    const body = op.body === 'multipart' ? formData(parts.body) : op.body === 'json' ? parts.body : null;
    if (op.response === 'blob') {
      return this.http.request(op.method, url, { body, params, responseType: 'blob' }) as Observable<R>;
    }
    return this.http.request<R>(op.method, url, { body, params, responseType: 'json' });
  }
}
