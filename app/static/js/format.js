// How event types, dates, places and actors are shown: one place for labels, icons and colours.

export const EVENT_TYPES = [
  "call", "visit", "meeting", "prisoner_exchange", "appointment", "dismissal", "agreement", "sanction", "statement",
];

// Icons are plain text symbols (present in common system fonts); \uFE0E asks for the text form, not emoji.
const TYPE_STYLES = {
  call: { label: "Call", plural: "calls", icon: "\u260E\uFE0E", color: "#2563eb" },
  visit: { label: "Visit", plural: "visits", icon: "\u2708\uFE0E", color: "#9333ea" },
  meeting: { label: "Meeting", plural: "meetings", icon: "\u21C4", color: "#0891b2" },
  prisoner_exchange: { label: "Prisoner exchange", plural: "prisoner exchanges", icon: "\u21C6", color: "#a16207" },
  appointment: { label: "Appointment", plural: "appointments", icon: "\u2605\uFE0E", color: "#db2777" },
  dismissal: { label: "Dismissal", plural: "dismissals", icon: "\u2715", color: "#ea580c" },
  agreement: { label: "Agreement", plural: "agreements", icon: "\u270D\uFE0E", color: "#16a34a" },
  sanction: { label: "Sanction", plural: "sanctions", icon: "\u2298", color: "#dc2626" },
  statement: { label: "Statement", plural: "statements", icon: "\u275D", color: "#4b5563" },
};
const UNKNOWN_TYPE = { label: "Event", plural: "events", icon: "\u2022", color: "#4b5563" };

export function typeStyle(type) {
  return TYPE_STYLES[type] ?? { ...UNKNOWN_TYPE, label: type };
}

// Month names spelled out here, not by Intl, so every browser shows the same "4 Sep 2025".
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

/** "4 Mar 2025", "Mar 2025" or "2025", at the precision the event's date is known. */
export function formatDate(iso, precision = "day") {
  if (!iso) return "";
  const [year, month, day] = iso.slice(0, 10).split("-");
  if (precision === "year" || !month) return year;
  const name = MONTH_NAMES[Number(month) - 1]?.slice(0, 3);
  if (!name) return iso;  // not an ISO date: show it as it came
  if (precision === "month" || !day) return `${name} ${year}`;
  return `${Number(day)} ${name} ${year}`;
}

/** The event's date as shown, saying so when only the report date is known. */
export function eventDate(event) {
  if (event.date) return formatDate(event.date, event.date_precision);
  if (event.reported_at) return `Undated (reported ${formatDate(event.reported_at)})`;
  return "Undated";
}

/** The timeline month an event belongs in: "2025-03", "2025" for year-only dates, "" when undated. */
export function monthKey(event) {
  if (event.date) return event.date_precision === "year" ? event.date.slice(0, 4) : event.date.slice(0, 7);
  return event.reported_at ? event.reported_at.slice(0, 7) : "";
}

export function monthHeading(key) {
  if (!key) return "Undated";
  if (key.length === 4) return `${key} (month not known)`;
  const [year, month] = key.split("-");
  return MONTH_NAMES[Number(month) - 1] ? `${MONTH_NAMES[Number(month) - 1]} ${year}` : key;
}

export function placeName(place) {
  if (!place) return "";
  return place.country ? `${place.name}, ${place.country}` : place.name;
}

const KINDS = { person: "Person", country: "Country", organisation: "Organisation", group: "Group" };

export function kindLabel(kind) {
  return KINDS[kind] ?? kind;
}

/** "President (VAL), 14 Sep 2021 – present": the office's own title if known, else the role code in words. */
export function roleText(role) {
  const name = role.title || role.role.replaceAll("_", " ");
  const where = role.organisation ?? role.country;
  const span = role.start || role.end
    ? `${role.start ? formatDate(role.start) : "?"} \u2013 ${role.end ? formatDate(role.end) : "present"}` : "";
  return [where ? `${name} (${where})` : name, span].filter(Boolean).join(", ");
}

/** "2 calls, 1 visit" from {call: 2, visit: 1}, largest first. */
export function countsText(counts) {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${n} ${n === 1 ? typeStyle(type).label.toLowerCase() : typeStyle(type).plural}`)
    .join(", ");
}
