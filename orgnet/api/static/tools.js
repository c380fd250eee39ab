// Planning tools: what-if (who becomes unavailable?) and pairing suggestions, with real example
// ids and, where the API has it (GET /v1/people), a people search by name or id.

import { ApiError, fetchJson, get } from "./api.js";
import { $, h } from "./dom.js";
import { reasonText } from "./i18n.js";
import { applySuggestion, canWriteAt, inScope } from "./ops.js";
import { OPS_STRINGS } from "./ops_strings.js";
import { S, data, fmt, levelName, metricTitle, state } from "./state.js";

// A cadre of the seed's scheme serving in the region (ids as `orgnet seed` writes them).
// Outside a scoped account's regions what-if and suggestions say what the gap list says (the API's 404).
function toolError(e) {
  if (e instanceof ApiError && e.status === 404 && data.region && !inScope(data.region.path)) return OPS_STRINGS[state.lang].outsideScope;
  return `${S().error}: ${e.message}`;
}

export function exampleCadre(region) {
  if (!region) return "cadre-c-01";
  return { city: "cadre-c-01", county: `cadre-k-${region.id}-01`, town: `cadre-t-${region.id}-1`, village: `cadre-v-${region.id}` }[region.level] || "cadre-c-01";
}

export function clearTools() {
  $("#whatif-result").replaceChildren();
  $("#suggestions-result").replaceChildren();
  $("#wi-cadres").placeholder = `${exampleCadre(data.region)}, …`;
  const ex = $("#wi-example");
  ex.replaceChildren(S().example, " ", h("button", { type: "button", class: "chip-button", text: exampleCadre(data.region),
    onclick: () => { $("#wi-cadres").value = exampleCadre(data.region); } }));
}

const splitIds = (s) => s.split(/[\s,，;；]+/).map((x) => x.trim()).filter(Boolean);
const pathText = (path, from = 1) => (path || []).slice(from).map((p) => p.name).join(" › ");

export async function runWhatIf(ev) {
  ev.preventDefault();
  const out = $("#whatif-result");
  const unavailable = { cadres: splitIds($("#wi-cadres").value), members: splitIds($("#wi-members").value), teams: splitIds($("#wi-teams").value) };
  if (!unavailable.cadres.length && !unavailable.members.length && !unavailable.teams.length) {
    out.replaceChildren(h("p", { class: "hint", text: S().whatIfEmpty }));
    return;
  }
  out.replaceChildren(h("p", { class: "loading", text: S().loading }));
  try {
    const res = await fetchJson("/v1/whatif", { method: "POST", body: { region: data.region.id, as_of: state.asOf || null, unavailable } });
    const blocks = [];
    const unknown = res.unknown ? Object.values(res.unknown).flat() : [];
    if (unknown.length) blocks.push(h("p", { class: "error-box", text: `${S().unknownIds}: ${unknown.join(", ")}` }));
    const hit = res.metrics.filter((m) => m.count > 0);
    if (!hit.length) blocks.push(h("p", { class: "hint", text: S().whatIfNone }));
    for (const m of hit) {
      blocks.push(h("div", { class: "result-block" },
        h("h4", {}, `${metricTitle(m.metric)}: `, h("strong", { text: `${fmt(m.count)} ${S().newlyUncovered}` })),
        h("table", { class: "result-table" },
          h("tbody", {}, ...m.newly_uncovered.slice(0, 100).map((it) => h("tr", {},
            h("td", {}, h("span", { text: it.name || it.id }), it.name ? h("span", { class: "item-id mono", text: it.id }) : null),
            h("td", { text: pathText(it.region_path) }),
            h("td", { text: reasonText(m.metric, it, state.lang) })))))));
    }
    out.replaceChildren(...blocks);
  } catch (e) {
    out.replaceChildren(h("p", { class: "error-box", role: "alert", text: toolError(e) }));
  }
}

function suggestionWhy(s) {
  if (state.lang !== "zh") return s.reason;
  const lv = { city: "市", county: "县", town: "镇", village: "村" }[s.level] || s.level;
  return `${s.cadre_id} 在${lv}级辖区 ${s.jurisdiction_id} 任职，辖区包含该企业（向上 ${s.distance} 级）；包挂数由 ${s.pairings_before} 增至 ${s.pairings_after}（上限 ${s.maximum}）。`;
}

export async function loadSuggestions() {
  const out = $("#suggestions-result");
  out.replaceChildren(h("p", { class: "loading", text: S().loading }));
  try {
    const res = await get("/v1/suggestions/enterprise_pairing", { region: data.region.id, as_of: state.asOf });
    const blocks = [];
    if (!res.suggestions.length && !res.unresolvable.length) blocks.push(h("p", { class: "hint", text: S().noSuggestions }));
    if (res.suggestions.length) {
      // planners and admins in scope apply a suggestion from here; nobody else gets the control
      const writable = canWriteAt(data.region.path);
      const status = writable ? h("p", { class: "write-status", role: "status" }) : null;
      blocks.push(h("div", { class: "table-wrap" }, h("table", { class: "result-table", id: "suggestions-table" },
        h("thead", {}, h("tr", {}, ...[S().suggestEnterprise, S().suggestLevel, S().suggestCadre, S().suggestLoad, S().suggestWhy].map((t) => h("th", { scope: "col", text: t })), writable ? h("th", { scope: "col", text: "✓" }) : null)),
        h("tbody", {}, ...res.suggestions.map((s) => h("tr", {},
          h("td", {}, s.enterprise_name, h("span", { class: "item-id mono", text: s.enterprise_id })),
          h("td", { text: levelName(s.level) }),
          h("td", {}, h("span", { class: "mono cadre-id", text: s.cadre_id }), s.cadre_name ? ` ${s.cadre_name}` : "",
            h("button", { type: "button", class: "chip-button", text: S().tryWhatIf, onclick: () => tryWhatIf(s.cadre_id) })),
          h("td", { text: `${s.pairings_before} → ${s.pairings_after} / ${s.maximum}` }),
          h("td", { text: suggestionWhy(s) }),
          writable ? h("td", {}, h("button", { type: "button", class: "button apply", text: "✓", "aria-label": `${s.cadre_id} → ${s.enterprise_id}`, onclick: () => applySuggestion(s, status) })) : null))))));
      if (status) blocks.push(status);
    }
    if (res.unresolvable.length) {
      blocks.push(h("h4", { text: S().unresolvable }), h("table", { class: "result-table" },
        h("tbody", {}, ...res.unresolvable.map((u) => h("tr", {},
          h("td", {}, u.enterprise_name || "", h("span", { class: "item-id mono", text: u.enterprise_id })),
          h("td", { text: levelName(u.level) }),
          h("td", { text: u.reason }))))));
    }
    out.replaceChildren(...blocks);
  } catch (e) {
    out.replaceChildren(h("p", { class: "error-box", role: "alert", text: toolError(e) }));
  }
}

function tryWhatIf(cadreId) {
  const input = $("#wi-cadres");
  const ids = new Set(splitIds(input.value));
  ids.add(cadreId);
  input.value = [...ids].join(", ");
  selectTab("tab-whatif");
  input.focus();
}

export function selectTab(id) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.id === id;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $("#" + tab.getAttribute("aria-controls")).hidden = !on;
  }
}

// People search (GET /v1/people?q=, where the API offers it): adds the chosen id to the form.
// Names come as the API gives them: only roles that may see them get them.
let peopleTimer = null;
export async function enablePeopleSearch() {
  let spec;
  try { spec = await get("/openapi.json"); } catch (e) { return; }
  if (!spec.paths || !spec.paths["/v1/people"]) return;
  const box = $("#people-search-box");
  box.hidden = false;
  const input = $("#people-search");
  const out = $("#people-results");
  input.addEventListener("input", () => {
    clearTimeout(peopleTimer);
    peopleTimer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) { out.replaceChildren(); return; }
      try {
        const res = await get("/v1/people", { q, region: data.region && data.region.id, limit: 10 });
        out.replaceChildren(...(res.items || []).map((p) => h("li", {},
          h("button", { type: "button", class: "chip-button", onclick: () => addPerson(p), text: `${p.name || ""} ${p.id}`.trim() }),
          h("small", { class: "hint", text: ` ${p.kind || p.label || ""}` }))));
      } catch (e) {
        out.replaceChildren(h("li", { class: "hint", text: `${S().error}: ${e.message}` }));
      }
    }, 250);
  });
}
function addPerson(p) {
  const kind = String(p.kind || p.label || "").toLowerCase();
  const field = kind.includes("member") ? "#wi-members" : kind.includes("team") ? "#wi-teams" : "#wi-cadres";
  const input = $(field);
  const ids = new Set(splitIds(input.value));
  ids.add(p.id);
  input.value = [...ids].join(", ");
}
