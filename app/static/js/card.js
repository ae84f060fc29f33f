// The actor card: who the actor is, the roles they held, and what the graph knows about them.

import { fill, h } from "./dom.js";
import { countsText, formatDate, kindLabel, roleText, typeStyle } from "./format.js";
import { actorHref } from "./state.js";

/** Render `card` (GET /v1/actors/{id}) into `root`; `onType(type)` filters the timeline by a count chip. */
export function renderCard(root, card, { onType }) {
  const { actor, summary } = card;
  const total = Object.values(summary.event_counts).reduce((sum, n) => sum + n, 0);
  const subtitle = [kindLabel(actor.kind), actor.kind !== "country" ? actor.country : null].filter(Boolean);
  fill(root,
    h("div", { class: "card-head" },
      h("h1", { id: "actor-name", text: actor.name }),
      h("p", { class: "card-subtitle", text: subtitle.join(" \u00B7 ") }),
      actor.aliases.length ? h("p", { class: "card-aliases" }, "Also known as ", actor.aliases.join(", ")) : null),
    h("dl", { class: "card-facts" },
      fact("Events", total ? `${total}` : "none recorded"),
      summary.first_event ? fact("First event", formatDate(summary.first_event)) : null,
      summary.last_event ? fact("Latest event", formatDate(summary.last_event)) : null),
    actor.roles.length ? h("section", { class: "card-roles", "aria-labelledby": "roles-heading" },
      h("h2", { id: "roles-heading", text: "Roles" }),
      h("ul", {}, actor.roles.map((role) => h("li", { text: roleText(role) })))) : null,
    total ? h("section", { class: "card-counts", "aria-labelledby": "counts-heading" },
      h("h2", { id: "counts-heading", text: "Events by type" }),
      h("p", { class: "visually-hidden", text: countsText(summary.event_counts) }),
      h("ul", { class: "chips" }, Object.entries(summary.event_counts).sort((a, b) => b[1] - a[1])
        .map(([type, n]) => h("li", {}, h("button", {
          type: "button", class: "chip", style: { "--type-color": typeStyle(type).color },
          title: `Show only ${typeStyle(type).plural} in the timeline`, onclick: () => onType(type),
        }, h("span", { class: "chip-icon", "aria-hidden": "true", text: typeStyle(type).icon }),
        `${typeStyle(type).label} `, h("strong", { text: String(n) })))))) : null,
    summary.top_counterparts.length ? h("section", { class: "card-counterparts",
      "aria-labelledby": "counterparts-heading" },
    h("h2", { id: "counterparts-heading", text: "Most frequent counterparts" }),
    h("ol", {}, summary.top_counterparts.map((c) => h("li", {},
      h("a", { href: actorHref(c.actor.id), "data-actor": c.actor.id, text: c.actor.name }),
      h("span", { class: "muted", text: ` ${c.events} shared event${c.events === 1 ? "" : "s"}` }))))) : null,
  );
}

function fact(term, value) {
  return [h("dt", { text: term }), h("dd", { text: value })];
}
