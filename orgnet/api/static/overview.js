// The overview: at the city, a map of its counties coloured by the metric (GET /v1/boundaries,
// schematic shapes keyed by region code); everywhere above a village, a treemap of the hierarchy
// below the region (two levels, down to the villages) coloured by coverage.

import { enc, get } from "./api.js";
import { $, h, isAbort } from "./dom.js";
import { countyMap, disposeChart, treemapChart } from "./charts.js";
import { LEVELS, S, data, state } from "./state.js";

let open = (id) => { location.hash = `#/r/${enc(id)}`; };
export function setOpener(fn) {
  open = fn;
}

let boundaries = null;
async function loadBoundaries() {
  if (!boundaries) boundaries = get("/v1/boundaries");
  return boundaries;
}

// cov: GET /v1/coverage/{metric} of the region (its children are drawn).
export async function renderOverview(region, cov, alive) {
  const mapBox = $("#map-box");
  const treeBox = $("#treemap-box");
  const section = $("#overview-section");
  section.hidden = region.level === "village";
  if (section.hidden) return;
  const common = { thresholds: data.thresholds, lang: state.lang, onOpen: (r) => open(r.id), uncoveredLabel: S().uncovered };
  if (region.level === "city") {
    mapBox.hidden = false;
    try {
      const geo = await loadBoundaries();
      if (!alive()) return;
      countyMap($("#map-chart"), geo, cov.children, common);
      const mapped = new Set(geo.features.map((f) => f.id));
      const unmapped = cov.children.filter((c) => !mapped.has(c.id)).map((c) => c.name);
      $("#map-note").textContent = `${S().mapSchematic} ${geo.source || ""}${unmapped.length ? ` · ${S().mapMissing}: ${unmapped.join("、")}` : ""}`;
    } catch (e) {
      if (!isAbort(e)) $("#map-note").textContent = `${S().error}: ${e.message}`;
    }
  } else {
    mapBox.hidden = true;
    disposeChart($("#map-chart"));
  }
  // the treemap: the region's children, each with its own children (the villages at the bottom)
  const below = LEVELS.slice(LEVELS.indexOf(region.level) + 1);
  const leafLevel = below[Math.min(1, below.length - 1)];
  treeBox.setAttribute("aria-busy", "true");
  try {
    let root;
    if (leafLevel === below[0]) {
      root = { ...cov, name: region.name, children: cov.children.map((c) => ({ ...c })) };
    } else {
      const hs = await get(`/v1/hotspots/${enc(state.metric)}`, { region: region.id, level: leafLevel, as_of: state.asOf, limit: 500 });
      if (!alive()) return;
      const depth = region.path.length; // index of the child in an item's path
      const groups = new Map(cov.children.map((c) => [c.id, { ...c, children: [] }]));
      for (const it of hs.items) {
        const g = groups.get((it.path[depth] || {}).id);
        if (g) g.children.push(it);
      }
      root = { name: region.name, children: [...groups.values()] };
    }
    if (!alive()) return;
    treemapChart($("#treemap-chart"), root, common);
    $("#treemap-note").textContent = S().treemapNote(S().levels[below[0]], S().levels[leafLevel]);
  } catch (e) {
    if (!isAbort(e)) $("#treemap-note").textContent = `${S().error}: ${e.message}`;
  }
  treeBox.setAttribute("aria-busy", "false");
}
