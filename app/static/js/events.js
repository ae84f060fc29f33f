// One event as a person reads it: type, date, place, who took part, the evidence and where it was reported.

import { api, ApiUnreachable } from "./api.js";
import { fill, h } from "./dom.js";
import { eventDate, formatDate, monthHeading, monthKey, placeName, typeStyle } from "./format.js";
import { actorHref } from "./state.js";

const SOURCE_FETCHES_AT_ONCE = 4;

/** An <li> for a timeline item {event, actors, evidence}; `centerId` is the actor whose page this is. */
export function eventItem({ event, actors, evidence }, { centerId = null } = {}) {
  const style = typeStyle(event.type);
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  const planned = event.status === "planned";
  const sentence = evidence?.sentence || event.reports?.[0]?.sentence || "";
  return h("li", {
    class: `event${planned ? " event--planned" : ""}`, style: { "--type-color": style.color },
    dataset: { eventId: event.id, type: event.type },
  },
  h("span", { class: "event-icon", "aria-hidden": "true", text: style.icon }),
  h("div", { class: "event-body" },
    h("p", { class: "event-head" },
      h("span", { class: "type-badge", text: style.label }),
      planned ? h("span", { class: "planned-badge", title: "Announced or scheduled; not reported as having happened",
        text: "Planned" }) : null,
      h("time", { datetime: event.date ?? "", text: eventDate(event) }),
      event.place ? h("span", { class: "event-place", text: placeName(event.place) }) : null),
    h("p", { class: "event-participants" }, h("span", { class: "muted", text: "Participants: " }),
      event.participants.map((p, i) => [i ? ", " : "", participant(p, names, centerId)])),
    sentence ? h("blockquote", { class: "evidence", text: sentence }) : null,
    h("div", { class: "event-sources", dataset: { articleId: evidence?.article_id ?? "" } },
      h("span", { class: "muted", text: "Finding the source\u2026" }))));
}

function participant(p, names, centerId) {
  const name = names.get(p.actor_id) ?? p.actor_id;
  const role = p.role && p.role !== "party" ? h("span", { class: "role", text: ` (${p.role})` }) : null;
  if (p.actor_id === centerId) return [h("strong", { text: name }), role];
  return [h("a", { href: actorHref(p.actor_id), "data-actor": p.actor_id, text: name }), role];
}

/**
 * Append items to `list` under month headings (h3, or `options.headingLevel`), continuing the last month
 * if the new page starts in it.
 */
export function appendByMonth(list, items, options) {
  for (const item of items) {
    const key = monthKey(item.event);
    let group = list.lastElementChild;
    if (!group || group.dataset.month !== key) {
      const headingId = `month-${list.id || "list"}-${key || "undated"}-${list.children.length}`;
      group = h("section", { class: "month", dataset: { month: key }, "aria-labelledby": headingId },
        h(`h${options?.headingLevel ?? 3}`, { class: "month-heading", id: headingId, text: monthHeading(key) }),
        h("ol", { class: "events" }));
      list.append(group);
    }
    group.querySelector("ol").append(eventItem(item, options));
  }
}

/** Fill in each rendered event's reporting articles from GET /v1/events/{id}, a few requests at a time. */
export async function loadSources(root) {
  const pending = [...root.querySelectorAll(".event-sources:not([data-loaded])")];
  pending.forEach((el) => { el.dataset.loaded = "pending"; });
  const next = async () => {
    for (let el = pending.shift(); el; el = pending.shift()) {
      const eventId = el.closest("[data-event-id]").dataset.eventId;
      try {
        const detail = await api.event(eventId);
        renderSources(el, detail.sources);
      } catch (err) {
        fill(el, h("span", { class: "muted", text: el.dataset.articleId
          ? `Source article ${el.dataset.articleId} (details unavailable)` : "Source details unavailable" }));
        if (err instanceof ApiUnreachable) return;  // the banner says so; stop asking
      }
      el.dataset.loaded = "done";
    }
  };
  await Promise.all(Array.from({ length: SOURCE_FETCHES_AT_ONCE }, next));
}

function renderSources(el, sources) {
  if (!sources.length) {
    fill(el, h("span", { class: "muted", text: "No reporting article stored" }));
    return;
  }
  // the article the timeline's evidence sentence came from goes first
  const ordered = [...sources].sort((a, b) => (b.article.id === el.dataset.articleId)
    - (a.article.id === el.dataset.articleId));
  const [first, ...others] = ordered;
  fill(el, h("span", { class: "muted", text: "Source: " }), articleLink(first.article),
    others.length ? h("details", { class: "more-sources" },
      h("summary", { text: `${others.length} more report${others.length === 1 ? "" : "s"}` }),
      h("ul", {}, others.map((s) => h("li", {}, articleLink(s.article),
        s.sentence ? h("blockquote", { class: "evidence", text: s.sentence }) : null)))) : null);
}

function articleLink(article) {
  const title = article.title || article.url || article.id;
  const meta = [article.source, article.published_at ? formatDate(article.published_at) : null]
    .filter(Boolean).join(", ");
  const link = article.url
    ? h("a", { href: article.url, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, title,
      h("span", { class: "visually-hidden", text: " (opens in a new tab)" }))
    : h("span", { text: title });
  return [link, meta ? h("span", { class: "muted", text: ` \u2014 ${meta}` }) : null];
}
