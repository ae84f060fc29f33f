// The public /v1 API, and the two ways a call fails: the API is unreachable, or it answered with an error.

/** The server did not answer at all (down, offline, or a proxy in front of it failed). */
export class ApiUnreachable extends Error {
  constructor(url) {
    super(`Could not reach the geokg API at ${new URL("v1/", document.baseURI)}`);
    this.url = url;
  }
}

/** The API answered with its error shape {"error": {"code", "message"}}. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET a /v1 path (relative to the page, so the explorer works under a path prefix too). */
export async function getJSON(path, params = {}, { signal } = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiUnreachable(url);
  }
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  if (!body?.error && response.status >= 502) throw new ApiUnreachable(url);  // a gateway, not geokg
  throw new ApiError(response.status, body?.error?.code ?? "http_error",
    body?.error?.message ?? `${response.status} ${response.statusText}`);
}

const id = encodeURIComponent;

export const api = {
  searchActors: (q, options) => getJSON("v1/actors", { q, limit: 8 }, options),
  actor: (actorId) => getJSON(`v1/actors/${id(actorId)}`),
  timeline: (actorId, params) => getJSON(`v1/actors/${id(actorId)}/timeline`, params),
  relations: (a, b, params) => getJSON(`v1/actors/${id(a)}/relations/${id(b)}`, params),
  network: (actorId, params) => getJSON(`v1/actors/${id(actorId)}/network`, { ...params, format: "cytoscape" }),
  paths: (from, to, params) => getJSON("v1/paths", { from, to, ...params }),
  event: (eventId) => getJSON(`v1/events/${id(eventId)}`),
  stats: () => getJSON("v1/stats"),
};
