// Error bodies and codes of the DCS API and its gateway (shared/dcs-api/README.md §6).

/** Body of a service error: `{error_code, error_msg, error_ext_msg?}`; the gateway adds request_id. */
export interface DcsErrorBody {
  error_code: string;
  error_msg: string;
  error_ext_msg?: string | null;
  request_id?: string;
}

export const DCS_ERROR = {
  TASK_NOT_FOUND: 'DCS.4133',
  STATE_NOT_ALLOWED: 'DCS.4957',
  INVALID_TASK_ID: 'DCS.4070',
  INVALID_PROJECT_ID: 'DCS.4002',
  EMPTY_BODY: 'DCS.4004',
  INVALID_JSON: 'DCS.4005',
  INVALID_PARAM: 'DCS.4800',
  INVALID_TOKEN: 'DCS.1001',
  NO_PERMISSION: 'DCS.2003',
  URL_NOT_FOUND: 'DCS.4001',
  METHOD_NOT_ALLOWED: 'DCS.5001',
  INTERNAL: 'DCS.5000',
  GATEWAY_AUTH_FAILED: 'APIGW.0301',
  GATEWAY_THROTTLED: 'APIGW.0308',
  GATEWAY_NOT_FOUND: 'APIGW.0101',
} as const;

/** Legacy numeric aliases mirror some DCS.* codes; normalise so callers match one form. */
const LEGACY_ALIASES: Record<string, string> = {
  '111401001': 'DCS.1001',
  '111401002': 'DCS.1002',
  '111401003': 'DCS.1003',
  '111401004': 'DCS.1004',
  '111400070': 'DCS.4070',
};

export function normaliseErrorCode(code: string): string {
  return LEGACY_ALIASES[code] ?? code;
}

export function isDcsErrorBody(value: unknown): value is DcsErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DcsErrorBody).error_code === 'string' &&
    typeof (value as DcsErrorBody).error_msg === 'string'
  );
}
