// The node's REST API (docs/api.md). Every failure is {error, message}; ApiError carries both.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, options = {}) {
  let response;
  try {
    response = await fetch('/api/v1' + path, options);
  } catch (e) {
    throw new ApiError(0, 'node_unreachable', 'the node did not answer: ' + e.message);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? 'http_' + response.status, body?.message ?? text);
  }
  return body;
}

export const postJson = (path, value) =>
  api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
