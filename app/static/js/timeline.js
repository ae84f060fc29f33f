// The actor's timeline: filters (dates, types, counterpart, status), month groups, and "load more" by cursor.

import { api, ApiError } from "./api.js";
import { emptyState, fill, h, inlineError } from "./dom.js";
import { EVENT_TYPES, typeStyle } from "./format.js";
import { appendByMonth, loadSources } from "./events.js";
import { writeState } from "./state.js";

const PAGE_SIZE = 25;
const FILTER_KEYS = ["from", "to", "types", "counterpart", "status"];

/** Render the timeline tab for `ctx.card`'s actor, with the filters in `ctx.state`. */
export async function showTimeline(panel, ctx) {
  const actor = ctx.card.actor;
  let state = ctx.state;
  let cursor = null;
  let shown = 0;
  let request = 0;

  const list = h("div", { class: "timeline", id: "timeline-list" });
  const status = h("p", { class: "timeline-status", role: "status", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "button load-more", hidden: true, text: "Load more events",
    onclick: () => load(false) });
  const otherName = await counterpartName(state.counterpart, ctx.card);
  if (!ctx.isCurrent()) return;
  const form = filterForm(state, ctx.card, otherName, (filters) => {
    state = { ...state, ...filters };
    writeState(state, { replace: true });
    load(true);
  });
  fill(panel, h("h2", { class: "visually-hidden", text: `Timeline of ${actor.name}` }), form, status, list, more);

  async function load(reset) {
    const mine = ++request;
    if (reset) cursor = null;
    more.disabled = true;
    status.textContent = "Loading events\u2026";
    const params = { ...Object.fromEntries(FILTER_KEYS.map((key) => [key, state[key]])), order: state.order };
    try {
      const page = await api.timeline(actor.id, { ...params, limit: PAGE_SIZE, cursor });
      if (mine !== request || !ctx.isCurrent()) return;
      if (reset) {
        list.replaceChildren();
        shown = 0;
      }
      appendByMonth(list, page.items, { centerId: actor.id });
      shown += page.items.length;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      more.disabled = false;
      const filtered = FILTER_KEYS.some((key) => state[key]);
      status.textContent = shown
        ? `${shown} event${shown === 1 ? "" : "s"}${filtered ? " matching the filters" : ""}${cursor ? ", more below" : ""}`
        : "";
      if (!shown) list.append(filtered
        ? emptyState("No events match these filters.", "Widen the dates, tick more event types or clear the filters.")
        : emptyState(`No events recorded for ${actor.name} yet.`, "Events appear here once articles mentioning them are ingested."));
      await loadSources(list);
    } catch (err) {
      if (mine !== request) return;
      status.textContent = "";
      more.disabled = false;
      if (err instanceof ApiError) fill(list, inlineError(`The timeline could not be loaded: ${err.message}`));
      else ctx.onError(err);
    }
  }

  await load(true);
}

/** The name of a counterpart from a shared link that is not among the card's top counterparts. */
async function counterpartName(counterpartId, card) {
  if (!counterpartId || card.summary.top_counterparts.some((c) => c.actor.id === counterpartId)) return null;
  try {
    return (await api.actor(counterpartId)).actor.name;
  } catch (err) {
    if (err instanceof ApiError) return counterpartId;  // unknown id: the timeline says there are no events
    throw err;
  }
}

/** The filter form; `onChange(filters)` runs with every filter's value whenever one changes. */
function filterForm(state, card, otherName, onChange) {
  const chosen = new Set((state.types ?? "").split(",").filter(Boolean));
  const counts = card.summary.event_counts;
  const counterparts = card.summary.top_counterparts.map((c) => [c.actor.id, c.actor.name]);
  if (state.counterpart && !counterparts.some(([id]) => id === state.counterpart)) {
    counterparts.push([state.counterpart, otherName ?? state.counterpart]);
  }
  const form = h("form", { class: "filters", "aria-label": "Timeline filters" },
    h("div", { class: "filter-row" },
      field("From", h("input", { type: "date", name: "from", value: state.from ?? "" })),
      field("To", h("input", { type: "date", name: "to", value: state.to ?? "" })),
      field("Counterpart", h("select", { name: "counterpart" }, h("option", { value: "", text: "Anyone" }),
        counterparts.map(([id, name]) => h("option", { value: id, text: name, selected: id === state.counterpart })))),
      field("Status", h("select", { name: "status" },
        [["", "Any"], ["occurred", "Occurred"], ["planned", "Planned"]].map(([value, label]) =>
          h("option", { value, text: label, selected: value === (state.status ?? "") })))),
      field("Order", h("select", { name: "order" },
        [["", "Newest first"], ["oldest", "Oldest first"]].map(([value, label]) =>
          h("option", { value, text: label, selected: value === (state.order ?? "") }))))),
    h("fieldset", { class: "type-filter" }, h("legend", { text: "Event types" }),
      EVENT_TYPES.map((type) => h("label", { class: "type-option", style: { "--type-color": typeStyle(type).color } },
        h("input", { type: "checkbox", name: "types", value: type, checked: chosen.has(type) }),
        h("span", { class: "chip-icon", "aria-hidden": "true", text: typeStyle(type).icon }),
        ` ${typeStyle(type).label}`, counts[type] ? h("span", { class: "muted", text: ` ${counts[type]}` }) : null))),
    h("div", { class: "filter-actions" },
      h("button", { type: "submit", class: "button", text: "Apply filters" }),
      h("button", { type: "reset", class: "button button--quiet", text: "Clear filters" })));

  const values = () => {
    const data = new FormData(form);
    return { from: data.get("from") || undefined, to: data.get("to") || undefined,
      types: data.getAll("types").join(",") || undefined, counterpart: data.get("counterpart") || undefined,
      status: data.get("status") || undefined, order: data.get("order") || undefined };
  };
  form.addEventListener("change", () => onChange(values()));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onChange(values());
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();  // reset would restore the URL's values; clearing means empty
    form.querySelectorAll("input[type=date]").forEach((input) => { input.value = ""; });
    form.querySelectorAll("input[type=checkbox]").forEach((input) => { input.checked = false; });
    form.querySelectorAll("select:not([name=order])").forEach((select) => { select.value = ""; });
    onChange(values());
  });
  return form;
}

/** A labelled control; the label is a sibling (not a wrapper) so the control's name is just the label. */
function field(label, control) {
  control.id = `filter-${control.name}`;
  return h("div", { class: "field" }, h("label", { class: "field-label", for: control.id, text: label }), control);
}
