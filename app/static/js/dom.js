// Tiny DOM helpers: build elements from data without innerHTML, so API text is never parsed as HTML.

/** h("a", {href, class, onclick}, child, ...) -> Element; children may be strings, nodes, arrays or null. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "style" && typeof value === "object") {
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    }
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Append strings, nodes and (nested) arrays of them, skipping null and undefined. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace everything inside `el` with `children`. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A call of `fn` that waits until `ms` pass without another call. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** An element that says there is nothing to show, and what to do about it. */
export function emptyState(title, hint) {
  return h("div", { class: "empty-state", role: "status" }, h("p", { class: "empty-title", text: title }),
    hint ? h("p", { class: "empty-hint", text: hint }) : null);
}

/** An inline error for a failed panel, with the API's own message. */
export function inlineError(message) {
  return h("div", { class: "inline-error", role: "alert" }, h("p", { text: message }));
}
