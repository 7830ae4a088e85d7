// TEST-ONLY: signs a request with the OFFICIAL Huawei Cloud Node core SDK
// (@huaweicloud/huaweicloud-sdk-core, a devDependency), the same way shared/dcs-api/signing-vectors.json
// was made: HcClient.buildRequest(options) → BasicCredentials.processAuthRequest → AKSKSigner.sign.
// Nothing is sent; the result is what the SDK's DefaultHttpClient would put on the wire.
// Production code must never import this file (it pulls in the SDK, axios, moment, lodash, log4js).
import { stringify } from 'node:querystring';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { HcClient, type HttpRequestOptions } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import type { HttpClient } from '@huaweicloud/huaweicloud-sdk-core/http/HttpClient.js';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest.js';

/** Query parameter values as the SDK's generated clients pass them (they never pass null/undefined). */
export type OfficialQueryValue = string | number | boolean;
export type OfficialQuery = Record<string, OfficialQueryValue | OfficialQueryValue[]>;

export interface OfficialRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `https://dcs.ap-southeast-1.myhuaweicloud.com` or `http://127.0.0.1:8081` (no trailing slash). */
  endpoint: string;
  /** URL template as in the SDK's DcsClient.ts, e.g. `/v2/{project_id}/migration-task/{task_id}`. */
  url: string;
  pathParams?: Record<string, string>;
  queryParams?: OfficialQuery;
  /** JSON body (an object or array, like the SDK's request models); omitted = no body. */
  data?: object;
}

export interface OfficialCredentials {
  ak: string;
  sk: string;
  projectId: string;
  /** Temporary credentials: the SDK adds and signs X-Security-Token. */
  securityToken?: string;
}

export interface OfficialSigned {
  /** The Authorization header the SDK computed. */
  authorization: string;
  /** The X-Sdk-Date header (from the SDK's own clock: freeze Date to control it). */
  sdkDate: string;
  /** Every header the SDK signed and would send, with the SDK's spelling (X-Project-Id, host, …). */
  headers: Record<string, string>;
  /** Absolute URL as DefaultHttpClient would send it (trailing slash stripped, querystring.stringify). */
  wireUrl: string;
  /** Body bytes as axios would send them (JSON.stringify of the data), undefined for none. */
  body: string | undefined;
  /** The request object after signing, for inspection. */
  request: IHttpRequest;
}

/** The HttpClient is never used: buildRequest only builds and signs. */
const noHttp: HttpClient = {
  sendRequest: () => Promise.reject(new Error('official-signer: sending is not supported')),
};

interface BuildRequest {
  buildRequest(options: HttpRequestOptions): Promise<IHttpRequest>;
}

/** Options shaped like the SDK's generated DcsClient ParamCreater. */
export function officialOptions(req: OfficialRequest): HttpRequestOptions {
  const options: HttpRequestOptions = {
    method: req.method,
    url: req.url,
    // Generated clients use application/json;charset=UTF-8 for JSON bodies; the core normalises
    // either spelling to `content-type: application/json` before signing.
    contentType: req.data === undefined ? 'application/json' : 'application/json;charset=UTF-8',
    queryParams: { ...(req.queryParams ?? {}) },
    pathParams: { ...(req.pathParams ?? {}) },
    headers: {},
  };
  if (req.data !== undefined) options.data = req.data as Record<string, unknown>;
  return options;
}

export async function officialSign(req: OfficialRequest, creds: OfficialCredentials): Promise<OfficialSigned> {
  const credentials = new BasicCredentials({ ak: creds.ak, sk: creds.sk, projectId: creds.projectId });
  if (creds.securityToken !== undefined) credentials.withSecurityToken(creds.securityToken);
  const client = new HcClient(noHttp).withCredential(credentials).withEndpoints([req.endpoint]);
  // buildRequest is `private` in the .d.ts but is the exact code path sendRequest uses.
  const request = await (client as unknown as BuildRequest).buildRequest(officialOptions(req));

  const headers = request.headers as Record<string, string>;
  const authorization = headers.Authorization;
  const sdkDate = headers['X-Sdk-Date'];
  if (authorization === undefined || sdkDate === undefined) throw new Error('official-signer: SDK did not sign the request');

  // What DefaultHttpClient._sendHttpRequest + axios do with it.
  const path = String(request.url).replace(/\/$/, '');
  const qs = stringify(request.queryParams as OfficialQuery);
  const wireUrl = `${req.endpoint}${path}${qs ? `?${qs}` : ''}`;
  const body = request.data === undefined ? undefined : JSON.stringify(request.data);
  return { authorization, sdkDate, headers: { ...headers }, wireUrl, body, request };
}
