// The path view: how two actors are connected, hop by hop through the events they shared.

import { api, ApiError } from "./api.js";
import { emptyState, fill, h, inlineError } from "./dom.js";
import { loadSources } from "./events.js";
import { eventDate, placeName, typeStyle } from "./format.js";
import { actorCombobox } from "./search.js";
import { actorHref, writeState } from "./state.js";

const HOP_CHOICES = ["2", "3", "4", "5", "6"];

/** Render the path tab: pick a second actor, then list the shortest chains of shared events. */
export async function showPaths(panel, ctx) {
  const actor = ctx.card.actor;
  let state = { ...ctx.state };
  const results = h("div", { class: "path-results", "aria-live": "polite" });
  const target = h("input", { id: "path-target", type: "text", class: "text-input",
    placeholder: "Another actor, e.g. a minister or a country" });
  const hops = h("select", { id: "path-hops", name: "hops" },
    HOP_CHOICES.map((n) => h("option", { value: n, text: `${n} hops`, selected: n === "4" })));
  let chosen = null;

  const form = h("form", { class: "path-form", "aria-label": "Find connections",
    onsubmit: (event) => { event.preventDefault(); find(); } },
  h("p", { class: "path-from" }, h("span", { class: "field-label", text: "From" }), h("strong", { text: actor.name })),
  h("div", { class: "field combobox" }, h("label", { for: "path-target", class: "field-label", text: "To" }), target),
  h("div", { class: "field" }, h("label", { class: "field-label", for: "path-hops", text: "At most" }), hops),
  h("button", { type: "submit", class: "button", text: "Find connections" }));
  fill(panel, h("h2", { id: "path-heading", text: `How is ${actor.name} connected to\u2026` }), form, results);

  actorCombobox(target, { onSelect: (picked) => { chosen = picked; find(); }, onError: ctx.onError });

  async function find() {
    if (!chosen || chosen.name !== target.value) {
      fill(results, emptyState("Choose an actor from the suggestions first.", "Type part of a name or alias, then pick one."));
      target.focus();
      return;
    }
    state = { ...state, target: chosen.id };
    writeState(state, { replace: true });
    await show(chosen);
  }

  async function show(other) {
    if (other.id === actor.id) {
      fill(results, emptyState("That is the same actor.", "Pick someone else to connect to."));
      return;
    }
    fill(results, h("p", { class: "muted", text: "Searching for connections\u2026" }));
    try {
      const paths = await api.paths(actor.id, other.id, { max_depth: hops.value });
      if (!ctx.isCurrent()) return;
      if (!paths.length) {
        fill(results, emptyState(`No connection found between ${actor.name} and ${other.name} within ${hops.value} hops.`,
          "Allow more hops, or check that both actors appear in ingested articles."));
        return;
      }
      fill(results, h("h3", { text: `${paths.length} shortest connection${paths.length === 1 ? "" : "s"} `
        + `between ${actor.name} and ${other.name}` }),
      h("ol", { class: "paths" }, paths.map(renderPath)));
      await loadSources(results);
    } catch (err) {
      if (err instanceof ApiError) fill(results, inlineError(`The connections could not be loaded: ${err.message}`));
      else ctx.onError(err);
    }
  }

  if (state.target) {
    try {
      const card = await api.actor(state.target);
      chosen = card.actor;
      target.value = chosen.name;
      await show(chosen);
    } catch (err) {
      if (err instanceof ApiError) fill(results, inlineError(`Unknown actor ${state.target}: ${err.message}`));
      else ctx.onError(err);
    }
  }
}

function renderPath(path) {
  const names = new Map(path.actors.map((a) => [a.id, a.name]));
  const link = (id) => h("a", { href: actorHref(id), "data-actor": id, class: "path-actor", text: names.get(id) ?? id });
  const via = path.actors.slice(1, -1).map((a) => a.name);
  return h("li", { class: "path" },
    h("p", { class: "path-summary", text: via.length ? `Via ${via.join(", then ")}` : "Directly" }),
    h("ol", { class: "path-steps" }, path.steps.map((step, i) => {
      const style = typeStyle(step.event.type);
      const sentence = step.event.reports?.[0]?.sentence;
      return h("li", { class: "path-step", style: { "--type-color": style.color } },
        i === 0 ? link(step.source) : null,
        h("div", { class: `path-event${step.event.status === "planned" ? " event--planned" : ""}`,
          dataset: { eventId: step.event.id } },
          h("span", { class: "event-icon", "aria-hidden": "true", text: style.icon }),
          h("span", { class: "type-badge", text: style.label }),
          step.event.status === "planned" ? h("span", { class: "planned-badge", text: "Planned" }) : null,
          h("span", { text: ` ${eventDate(step.event)}` }),
          step.event.place ? h("span", { class: "muted", text: ` \u00B7 ${placeName(step.event.place)}` }) : null,
          sentence ? h("blockquote", { class: "evidence", text: sentence }) : null,
          h("div", { class: "event-sources", dataset: { articleId: step.event.reports?.[0]?.article_id ?? "" } })),
        link(step.target));
    })));
}
