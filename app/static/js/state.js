// The page's state lives in the query string, so every view can be bookmarked and shared.

// actor, tab; timeline filters from, to, types, counterpart, status, order; graph depth, gfrom, gto; path target
const KEYS = ["actor", "tab", "from", "to", "types", "counterpart", "status", "order", "depth", "gfrom", "gto",
  "target"];
export const TABS = ["timeline", "graph", "path"];

export function readState(search = window.location.search) {
  const query = new URLSearchParams(search);
  const state = {};
  for (const key of KEYS) {
    const value = query.get(key);
    if (value) state[key] = value;
  }
  state.tab = TABS.includes(state.tab) ? state.tab : "timeline";
  return state;
}

/** The query string for a state ("?actor=...&tab=graph"); defaults are left out to keep links short. */
export function stateQuery(state) {
  const query = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value && !(key === "tab" && value === "timeline")) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : window.location.pathname;
}

/** The link that opens an actor (on a tab), dropping filters that belonged to the previous actor. */
export function actorHref(actorId, tab = "timeline") {
  return stateQuery({ actor: actorId, tab });
}

export function writeState(state, { replace = false } = {}) {
  const url = stateQuery(state);
  if (url === window.location.search) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}
