// Cytoscape stylesheet: node shape by actor kind, edge width by shared events, edge colour by dominant type.

export function graphStyle(maxWeight) {
  return [
    { selector: "node", style: {
      label: "data(label)", "font-size": 15, "font-family": "system-ui, sans-serif", color: "#1f2937",
      "text-valign": "bottom", "text-margin-y": 5, "text-wrap": "wrap", "text-max-width": 110,
      "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 2,
      "background-color": "#64748b", width: 26, height: 26, "border-width": 2, "border-color": "#ffffff",
    } },
    { selector: "node[kind = 'person']", style: { shape: "ellipse", "background-color": "#0f766e" } },
    { selector: "node[kind = 'country']", style: { shape: "round-rectangle", "background-color": "#1d4ed8" } },
    { selector: "node[kind = 'organisation']", style: { shape: "hexagon", "background-color": "#9333ea" } },
    { selector: "node[kind = 'group']", style: { shape: "diamond", "background-color": "#b45309" } },
    { selector: "node[?center]", style: { width: 40, height: 40, "border-color": "#111827", "border-width": 3,
      "font-weight": "bold", "font-size": 17 } },
    { selector: "edge", style: {
      width: `mapData(weight, 1, ${Math.max(2, maxWeight)}, 2, 12)`, "line-color": "data(color)", opacity: 0.8,
      "curve-style": "bezier",
    } },
    // the selected link keeps its type colour and gains a dark outline
    { selector: "edge:selected", style: { opacity: 1, "line-outline-width": 3, "line-outline-color": "#111827" } },
    { selector: "node:selected", style: { "border-color": "#facc15", "border-width": 4 } },
  ];
}
