// A month range picked with two sliders (keyboard-operable range inputs), e.g. for refiltering the graph.

import { h } from "./dom.js";
import { monthHeading } from "./format.js";

/** Every "YYYY-MM" from the month of `first` to the month of `last` (ISO dates), or [] if either is missing. */
export function monthRange(first, last) {
  if (!first || !last) return [];
  const months = [];
  let [year, month] = first.slice(0, 7).split("-").map(Number);
  const end = last.slice(0, 7);
  for (let guard = 0; guard < 1200; guard += 1) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= end) break;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

function lastDay(key) {
  const [year, month] = key.split("-").map(Number);
  return `${key}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** Two sliders over `months`; `onChange({from, to})` gets the chosen months, undefined at either end. */
export function monthSlider(months, initial, onChange) {
  const last = months.length - 1;
  const indexOf = (key, fallback) => (months.includes(key) ? months.indexOf(key) : fallback);
  const from = rangeInput("graph-from", last, indexOf(initial.from, 0));
  const to = rangeInput("graph-to", last, indexOf(initial.to, last));
  const fromOut = h("output", { for: "graph-from" });
  const toOut = h("output", { for: "graph-to" });

  const show = () => {
    fromOut.textContent = monthHeading(months[from.value]);
    toOut.textContent = monthHeading(months[to.value]);
    from.setAttribute("aria-valuetext", fromOut.textContent);
    to.setAttribute("aria-valuetext", toOut.textContent);
  };
  const changed = (moved) => {
    // the two ends never cross: moving one past the other pushes the other along
    if (Number(from.value) > Number(to.value)) (moved === from ? to : from).value = moved.value;
    show();
    onChange(range());
  };
  const range = () => ({
    from: Number(from.value) > 0 ? months[from.value] : undefined,
    to: Number(to.value) < last ? months[to.value] : undefined,
  });
  from.addEventListener("input", () => changed(from));
  to.addEventListener("input", () => changed(to));
  show();

  const element = h("fieldset", { class: "month-slider" }, h("legend", { text: "Period" }),
    h("label", { class: "slider-field" }, h("span", { class: "field-label", text: "From" }), from, fromOut),
    h("label", { class: "slider-field" }, h("span", { class: "field-label", text: "To" }), to, toOut));
  return {
    element,
    /** API date filters for the chosen months; none at the ends, so undated events still count. */
    dates: () => {
      const { from: a, to: b } = range();
      return { from: a ? `${a}-01` : undefined, to: b ? lastDay(b) : undefined };
    },
    /** "between March 2025 and June 2025", or "in May 2025" for a single month. */
    label: () => (from.value === to.value ? `in ${fromOut.textContent}`
      : `between ${fromOut.textContent} and ${toOut.textContent}`),
  };
}

function rangeInput(id, max, value) {
  return h("input", { type: "range", id, min: 0, max, step: 1, value: String(value), disabled: max === 0 });
}
