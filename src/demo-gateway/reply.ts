/** What a route answers; the server writes it (so faults can truncate a real body). */

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** JSON with the trailing newline of Go's encoder. */
export function jsonReply(status: number, data: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: 'application/json', body: `${JSON.stringify(data)}\n`, ...(headers ? { headers } : {}) };
}

/** The one error shape of every management handler (CONTRACT.md §3). */
export function errorReply(status: number, message: string): Reply {
  return jsonReply(status, { is_bifrost_error: false, status_code: status, error: { message }, extra_fields: {} });
}

export function textReply(status: number, body: string): Reply {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

export const methodNotAllowedReply = (): Reply => textReply(405, 'Method Not Allowed');

/** The dashboard's single-page app: what every version answers a GET on a path no route serves. */
export function dashboardReply(): Reply {
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bifrost</title></head><body><div id="__next"></div></body></html>\n',
  };
}
