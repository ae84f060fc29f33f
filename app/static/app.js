// The Explorer's entry point: reads the state from the URL, shows the right view, and handles errors.

import { api, ApiError, ApiUnreachable } from "./js/api.js";
import { emptyState, fill, h, inlineError } from "./js/dom.js";
import { renderCard } from "./js/card.js";
import { showGraph } from "./js/graph.js";
import { showHome } from "./js/home.js";
import { showPaths } from "./js/paths.js";
import { actorCombobox } from "./js/search.js";
import { readState, TABS, writeState } from "./js/state.js";
import { showTimeline } from "./js/timeline.js";

const $ = (selector) => document.querySelector(selector);
const ui = {
  home: $("#home"), actorView: $("#actor-view"), card: $("#actor-card"), banner: $("#error-banner"),
  bannerText: $("#error-text"), tabs: [...document.querySelectorAll("[role=tab]")],
};
const PANELS = { timeline: showTimeline, graph: showGraph, path: showPaths };
const cards = new Map();  // actor id -> card, so switching tabs does not refetch it
let generation = 0;
let shownActor;  // the actor on screen, to move focus to its name when another one opens

/** Show whatever the URL describes; a newer render makes older ones drop their results. */
async function render() {
  const gen = ++generation;
  const state = readState();
  hideError();
  const ctx = { state, navigate, onError: showError, isCurrent: () => gen === generation };
  try {
    if (!state.actor) {
      shownActor = null;
      ui.actorView.hidden = true;
      ui.home.hidden = false;
      document.title = "geokg Explorer";
      await showHome(ui.home, ctx);
      return;
    }
    ui.home.hidden = true;
    ui.actorView.hidden = false;
    const card = cards.get(state.actor) ?? await api.actor(state.actor);
    if (!ctx.isCurrent()) return;
    cards.set(state.actor, card);
    document.title = `${card.actor.name} \u2014 geokg Explorer`;
    renderCard(ui.card, card, { onType: (type) => navigate({ ...state, tab: "timeline", types: type }) });
    if (shownActor !== undefined && shownActor !== state.actor) {
      // a new actor opened from a link, the search or the graph: screen readers start at its name
      $("#actor-name").tabIndex = -1;
      $("#actor-name").focus({ preventScroll: true });
    }
    shownActor = state.actor;
    selectTab(state.tab);
    await PANELS[state.tab]($(`#panel-${state.tab}`), { ...ctx, card });
  } catch (err) {
    if (!ctx.isCurrent()) return;
    if (err instanceof ApiError && err.status === 404) {
      fill(ui.card, emptyState(`No actor with the id \u201C${state.actor}\u201D.`,
        "It may have been merged or removed. Search for the name instead."));
      ui.tabs.forEach((tab) => { tab.parentElement.hidden = true; });
      TABS.forEach((tab) => { $(`#panel-${tab}`).hidden = true; });
    } else if (err instanceof ApiError) {
      fill(ui.card, inlineError(`The API answered with an error: ${err.message}`));
    } else {
      showError(err);
    }
  }
}

function selectTab(active) {
  ui.tabs.forEach((tab) => {
    tab.parentElement.hidden = false;
    const selected = tab.dataset.tab === active;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#panel-${tab.dataset.tab}`).hidden = !selected;
  });
}

/** Go to a new state (a new history entry) and show it. */
function navigate(state) {
  writeState(state);
  render();
  window.scrollTo({ top: 0 });
}

function showError(err) {
  if (err instanceof ApiUnreachable || (err instanceof ApiError && err.status === 503)) {
    ui.bannerText.textContent = err instanceof ApiUnreachable
      ? `${err.message}. The server may be down or your connection offline.`
      : `The geokg API is running but its database is unavailable: ${err.message}`;
    ui.banner.hidden = false;
  } else {
    console.error(err);  // a bug in the page, not an API failure: keep it visible to developers
  }
}

function hideError() {
  ui.banner.hidden = true;
}

function wireTabs() {
  ui.tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => navigate({ ...readState(), tab: tab.dataset.tab }));
    tab.addEventListener("keydown", (event) => {  // arrow keys move between tabs, as ARIA tabs do
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = ui.tabs[(i + step + ui.tabs.length) % ui.tabs.length];
      next.focus();
      next.click();
    });
  });
}

function wireLinks() {
  // links inside the page carry their state in "?..." hrefs: follow them without reloading
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='?'], a[href='./']");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
        || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(readState(link.getAttribute("href") === "./" ? "" : link.getAttribute("href")));
  });
  window.addEventListener("popstate", render);
}

function wireSearch() {
  const input = $("#actor-search");
  actorCombobox(input, {
    onSelect: (actor) => { navigate({ actor: actor.id, tab: readState().tab }); input.value = ""; input.blur(); },
    onError: showError,
  });
  $("#search-form").addEventListener("submit", (event) => event.preventDefault());
  $("#error-retry").addEventListener("click", render);
}

wireTabs();
wireLinks();
wireSearch();
render();
