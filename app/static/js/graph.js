// The relationship graph: the actor's ego network drawn with Cytoscape.js, refiltered by a month range.

import { api, ApiError } from "./api.js";
import { debounce, emptyState, fill, h, inlineError } from "./dom.js";
import { EVENT_TYPES, countsText, formatDate, typeStyle } from "./format.js";
import { appendByMonth, loadSources } from "./events.js";
import { monthRange, monthSlider } from "./months.js";
import { actorHref, writeState } from "./state.js";
import { graphStyle } from "./graph-style.js";

const NODE_LIMIT = 60;
let cy = null;  // one graph at a time; destroyed before the next is drawn

/** Render the graph tab: controls, the network canvas, keyboard-usable lists, and the dyad panel. */
export async function showGraph(panel, ctx) {
  const actor = ctx.card.actor;
  const months = monthRange(ctx.card.summary.first_event, ctx.card.summary.last_event);
  const total = Object.values(ctx.card.summary.event_counts).reduce((sum, n) => sum + n, 0);
  if (!total) {
    fill(panel, emptyState(`${actor.name} has no events yet, so no network.`,
      "Links appear once articles report events with other actors."));
    return;
  }
  let state = { ...ctx.state };
  let request = 0;

  const canvas = h("div", { id: "cy", class: "graph-canvas", role: "img", "aria-label": `Network of ${actor.name}` });
  const status = h("p", { class: "graph-status", role: "status", "aria-live": "polite" });
  const dyad = h("section", { class: "dyad", "aria-live": "polite", "aria-labelledby": "dyad-heading" },
    h("h3", { id: "dyad-heading", text: "Shared events" }),
    h("p", { class: "muted", text: "Select a link (a line in the graph, or one in the list) to see the events two actors share." }));
  const actorsList = h("ul", { class: "node-list" });
  const linksList = h("ul", { class: "link-list" });
  const depth = h("select", { id: "graph-depth", name: "depth" },
    [["1", "Direct counterparts"], ["2", "Counterparts of counterparts"]].map(([value, label]) =>
      h("option", { value, text: label, selected: value === (state.depth ?? "1") })));
  const slider = months.length ? monthSlider(months, { from: state.gfrom, to: state.gto },
    debounce((range) => update({ gfrom: range.from, gto: range.to }), 250))
    : { element: null, dates: () => ({}), label: () => "(undated events)" };  // nothing to slide over

  depth.addEventListener("change", () => update({ depth: depth.value === "1" ? undefined : depth.value }));
  fill(panel,
    h("h2", { class: "visually-hidden", text: `Network of ${actor.name}` }),
    h("div", { class: "graph-controls" },
      h("div", { class: "field" }, h("label", { class: "field-label", for: "graph-depth", text: "Show" }), depth),
      slider.element),
    status,
    h("div", { class: "graph-layout" },
      h("div", { class: "graph-main" }, canvas, legend(),
        h("p", { class: "muted graph-hint", text: "Click an actor to open it. Click a line to list the events the two share." })),
      h("aside", { class: "graph-side", "aria-label": "Network details" }, dyad,
        h("section", { "aria-labelledby": "links-heading" }, h("h3", { id: "links-heading", text: "Links" }), linksList),
        h("section", { "aria-labelledby": "nodes-heading" },
          h("h3", { id: "nodes-heading", text: "Actors in this network" }), actorsList))));

  function update(patch) {
    state = { ...state, ...patch };
    writeState(state, { replace: true });
    load();
  }

  let selectedPair = [];  // the dyad on show, kept selected when the graph is redrawn

  function selectEdge() {
    if (!cy) return;
    cy.elements().unselect();
    cy.edges().filter((e) => selectedPair.includes(e.data("source")) && selectedPair.includes(e.data("target")))
      .select();
  }

  async function showDyad(a, b) {
    selectedPair = [a, b];
    selectEdge();
    fill(dyad, h("h3", { id: "dyad-heading", text: "Shared events" }), h("p", { class: "muted", text: "Loading\u2026" }));
    try {
      const relations = await api.relations(a, b, { ...slider.dates(), limit: 20 });
      const { dyad: d, events } = relations;
      const list = h("div", { class: "timeline timeline--compact", id: "dyad-list" });
      appendByMonth(list, events.items, { centerId: actor.id, headingLevel: 4 });
      fill(dyad, h("h3", { id: "dyad-heading", text: `${d.a.name} & ${d.b.name}` }),
        h("p", {}, `${d.total} shared event${d.total === 1 ? "" : "s"}: ${countsText(d.counts_by_type)}.`,
          d.first_contact ? ` First ${formatDate(d.first_contact)}, latest ${formatDate(d.last_contact)}.` : ""),
        list,
        [a, b].includes(actor.id) ? h("p", {}, h("a", {
          href: `?actor=${encodeURIComponent(actor.id)}&counterpart=${encodeURIComponent(a === actor.id ? b : a)}`,
          text: "Open these events in the timeline" })) : null);
      await loadSources(list);
    } catch (err) {
      if (err instanceof ApiError) fill(dyad, inlineError(`The shared events could not be loaded: ${err.message}`));
      else ctx.onError(err);
    }
  }

  async function load() {
    const mine = ++request;
    status.textContent = "Loading the network\u2026";
    try {
      const net = await api.network(actor.id, { depth: state.depth ?? 1, limit: NODE_LIMIT, ...slider.dates() });
      if (mine !== request || !ctx.isCurrent()) return;
      const { nodes, edges } = net.elements;
      status.textContent = `${nodes.length} actor${nodes.length === 1 ? "" : "s"}, ${edges.length} link${edges.length === 1 ? "" : "s"}`
        + ` ${slider.label()}${net.message ? `. ${net.message}` : ""}`;
      canvas.setAttribute("aria-label", `Network of ${actor.name}: ${status.textContent}`);
      renderLists(nodes, edges);
      await draw(nodes, edges);
    } catch (err) {
      if (mine !== request) return;
      status.textContent = "";
      cy?.destroy();
      cy = null;
      if (err instanceof ApiError) fill(canvas, inlineError(`The network could not be loaded: ${err.message}`));
      else ctx.onError(err);
    }
  }

  function renderLists(nodes, edges) {
    const names = new Map(nodes.map((n) => [n.data.id, n.data.name]));
    fill(actorsList, nodes.filter((n) => n.data.id !== actor.id).map((n) => h("li", {},
      h("a", { href: actorHref(n.data.id, "graph"), "data-actor": n.data.id, text: n.data.name }))));
    if (!actorsList.children.length) actorsList.append(h("li", { class: "muted", text: "No counterparts in this period." }));
    fill(linksList, [...edges].sort((x, y) => y.data.weight - x.data.weight).map((e) => h("li", {},
      h("button", { type: "button", class: "link-button", style: { "--type-color": typeStyle(e.data.dominant_type).color },
        onclick: () => showDyad(e.data.source, e.data.target) },
      `${names.get(e.data.source)} \u2014 ${names.get(e.data.target)}`,
      h("span", { class: "muted", text: ` ${e.data.weight} event${e.data.weight === 1 ? "" : "s"}, mostly ${typeStyle(e.data.dominant_type).plural}` })))));
  }

  async function draw(nodes, edges) {
    const { default: cytoscape } = await import("../vendor/cytoscape/cytoscape.esm.min.js");
    cy?.destroy();
    canvas.replaceChildren();
    const maxWeight = Math.max(1, ...edges.map((e) => e.data.weight));
    cy = cytoscape({
      container: canvas,
      elements: [
        ...nodes.map((n, i) => ({ data: n.data, position: startPosition(n.data, i, nodes.length) })),
        ...edges.map((e) => ({ data: { ...e.data, color: typeStyle(e.data.dominant_type).color } })),
      ],
      style: graphStyle(maxWeight),
    });
    canvas.cy = cy;  // lets the browser tests find where a node was drawn
    canvas.dataset.layout = "running";
    const layout = cy.layout({ name: "cose", animate: false, padding: 40, nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 110, nodeRepulsion: () => 40000, randomize: false });
    layout.one("layoutstop", () => { canvas.dataset.layout = "done"; });
    selectEdge();
    layout.run();
    cy.on("tap", "node", (event) => {
      const id = event.target.id();
      if (id !== actor.id) ctx.navigate({ actor: id, tab: "graph", depth: state.depth });
    });
    cy.on("tap", "edge", (event) => showDyad(event.target.data("source"), event.target.data("target")));
  }

  await load();
}

/**
 * Where a node starts before the force layout: the centre actor in the middle, the others on rings by hops.
 * A fixed start (not a random one) draws the same network the same way every time.
 */
function startPosition(data, index, count) {
  if (data.center) return { x: 0, y: 0 };
  const angle = (2 * Math.PI * index) / Math.max(1, count - 1);
  const radius = 160 * (data.depth ?? 1);
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

function legend() {
  return h("ul", { class: "legend", "aria-label": "Link colours: the most frequent event type" },
    EVENT_TYPES.map((type) => h("li", { style: { "--type-color": typeStyle(type).color } },
      h("span", { class: "legend-swatch", "aria-hidden": "true" }), typeStyle(type).label)));
}
