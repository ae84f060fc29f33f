// The start page: what the explorer is for, and how much the graph holds.

import { api, ApiError } from "./api.js";
import { emptyState, fill, h } from "./dom.js";
import { countsText } from "./format.js";

export async function showHome(root, ctx) {
  const stats = h("p", { class: "home-stats", role: "status", text: "Counting what the graph holds\u2026" });
  fill(root,
    h("h1", { text: "Who met whom, when, and who reported it" }),
    h("p", { class: "lead", text: "Search for a person, country or organisation above to read their timeline of "
      + "calls, visits, meetings, agreements and sanctions, each with the sentence and article it came from; "
      + "see their network of counterparts; or find out how two actors are connected." }),
    stats);
  try {
    const s = await api.stats();
    if (!ctx.isCurrent()) return;
    if (!s.events) {
      stats.replaceWith(emptyState("The graph is empty.",
        "Ingest some articles first (geokg ingest), then search for an actor they mention."));
      return;
    }
    fill(stats, `The graph holds ${s.actors} actors and ${s.events} events from ${s.articles} articles`,
      s.events_by_type ? `: ${countsText(s.events_by_type)}.` : ".");
  } catch (err) {
    if (err instanceof ApiError) stats.textContent = `Statistics unavailable: ${err.message}`;
    else {
      stats.textContent = "";
      ctx.onError(err);
    }
  }
}
