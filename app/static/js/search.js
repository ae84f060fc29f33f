// Type-ahead over actor names and aliases: an ARIA combobox driving a listbox of /v1/actors hits.

import { api } from "./api.js";
import { debounce, fill, h } from "./dom.js";
import { kindLabel } from "./format.js";

let comboboxCount = 0;

/**
 * Turn `input` into an actor picker; `onSelect(actor)` runs when a hit is chosen by click or Enter.
 * `onError(err)` receives failures other than a cancelled request.
 */
export function actorCombobox(input, { onSelect, onError }) {
  const listId = `${input.id || `actor-combobox-${++comboboxCount}`}-options`;
  const listbox = h("ul", { id: listId, class: "combobox-options", role: "listbox", hidden: true,
    "aria-label": "Matching actors" });
  input.after(listbox);
  Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
    "aria-controls": listId, autocomplete: "off", spellcheck: "false" })
    .forEach(([key, value]) => input.setAttribute(key, value));

  let hits = [];
  let active = -1;
  let controller = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(index) {
    const hit = hits[index];
    if (!hit) return;
    close();
    input.value = hit.actor.name;
    onSelect(hit.actor);
  }

  function highlight(index) {
    active = (index + hits.length) % hits.length;
    [...listbox.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", `${listId}-${active}`);
    listbox.children[active]?.scrollIntoView({ block: "nearest" });
  }

  function render(query) {
    if (!hits.length) {
      fill(listbox, h("li", { class: "combobox-empty", role: "option", "aria-disabled": "true",
        text: `No actor matches \u201C${query}\u201D` }));
    } else {
      fill(listbox, hits.map((hit, i) => h("li", {
        id: `${listId}-${i}`, role: "option", "aria-selected": "false", class: "combobox-option",
        onmousedown: (event) => event.preventDefault(),  // keep focus in the input
        onclick: () => choose(i),
      }, h("span", { class: "option-name", text: hit.actor.name }),
      h("span", { class: "option-meta", text: optionMeta(hit) }))));
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  const lookup = debounce(async (query) => {
    controller?.abort();
    controller = new AbortController();
    try {
      hits = await api.searchActors(query, { signal: controller.signal });
      if (input.value.trim() === query) render(query);
    } catch (err) {
      if (err.name !== "AbortError") onError(err);
    }
  }, 180);

  input.addEventListener("input", () => {
    const query = input.value.trim();
    hits = [];  // the shown hits are for the previous text: Enter waits for the new ones
    if (query) lookup(query);
    else close();
  });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && hits.length > 0;
    if (event.key === "ArrowDown" && open) highlight(active + 1);
    else if (event.key === "ArrowUp" && open) highlight(active - 1);
    else if (event.key === "Enter" && open) choose(active >= 0 ? active : 0);
    else if (event.key === "Escape") close();
    else return;
    event.preventDefault();
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  return { close };
}

function optionMeta(hit) {
  const parts = [kindLabel(hit.actor.kind)];
  if (hit.actor.country && hit.actor.kind !== "country") parts.push(hit.actor.country);
  if (hit.matched && hit.matched !== hit.actor.name) parts.push(`matched \u201C${hit.matched}\u201D`);
  return parts.join(" \u00B7 ");
}
