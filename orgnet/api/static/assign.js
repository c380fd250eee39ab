// "Assign" from a gap row whose gap is a missing assignment (a household with no linked member, a
// medical worker's or a fallen cadre's family with nobody to care): find a person in the scope by
// name, id or place (the village's or the town's name), the same village first and then by spare
// capacity under the policy, each with its current load; before confirming, what the write would
// change: the gap it closes and any it would open (a member past the households the policy wants,
// a cadre past the pairings of its level).

import { fetchJson, query } from "./api.js";
import { $, h } from "./dom.js";
import { OPS_STRINGS } from "./ops_strings.js";
import { canWriteAt, confirmWrite, openPanel, sendWrite, writeError } from "./ops.js";
import { data, metricTitle, state } from "./state.js";

const T = () => OPS_STRINGS[state.lang];

// What closes a gap of the metrics whose gap is a missing assignment: the record kind, the field the
// gap's item fills, who is picked (through GET /v1/people) for the other end, and the metric whose
// gap an overloaded pick opens.
export const ASSIGN_FORMS = {
  household_linkage: { kind: "household_links", itemField: "household_id", pick: "member", pickField: "member_id", loadMetric: "member_link_load" },
  medical_family_support: { kind: "family_supports", itemField: "medical_worker_id", pick: "cadre", pickField: "supporter_id", extra: { supporter_type: "cadre" } },
  duty_death_family_care: { kind: "care_contacts", itemField: "duty_death_id", pick: "cadre", pickField: "supporter_id", extra: { supporter_type: "cadre" } },
};

// The highest region of the item's path inside the caller's scope: where the people are searched.
function searchRegion(path) {
  for (let i = 0; i < path.length; i++) if (canWriteAt(path.slice(0, i + 1))) return path[i].id;
  return path.length ? path[path.length - 1].id : data.region.id;
}

const lastId = (path) => (path && path.length ? path[path.length - 1].id : null);
const placeOf = (path) => (path || []).slice(-2).map((p) => p.name).join(" › ");

// Room left under the policy (a member's households: the policy wants exactly `limit`).
function spare(p) {
  const l = p.load;
  return l && l.limit != null ? l.limit - l.count : -Infinity;
}

// Same village as the item first, then most room, then id.
export function rankPeople(people, itemPath) {
  const village = lastId(itemPath);
  return [...people].sort((a, b) => Number(lastId(b.region_path) === village) - Number(lastId(a.region_path) === village) || spare(b) - spare(a) || a.id.localeCompare(b.id));
}

// What giving this person one more assignment does to their own load metric: "closes" (reaches the
// exact target), "opens" (goes past it: a new gap), or null (no change of status).
export function loadEffect(p) {
  const l = p.load;
  if (!l || l.limit == null) return null;
  if (l.rule === "exact") return l.count + 1 === l.limit ? "closes" : l.count === l.limit ? "opens" : null;
  return l.count + 1 > l.limit && l.count <= l.limit ? "opens" : null;
}

export function openAssignForm(item, form) {
  const t = T();
  const panel = openPanel(t.assignFor(item.name || item.id));
  const path = item.region_path || [];
  const region = searchRegion(path);
  const village = path.length ? path[path.length - 1].name : "";
  const input = h("input", { type: "search", id: "assign-search", placeholder: t.searchPeople(form.pick), autocomplete: "off", value: village });
  const results = h("div", { id: "assign-results" });
  const status = h("p", { class: "write-status", role: "status" });
  let asked = 0; // only the last search's answer is shown
  const search = async () => {
    const q = input.value.trim();
    if (!q) return;
    const mine = ++asked;
    results.replaceChildren(h("p", { class: "loading", text: "…" }));
    try {
      const page = await fetchJson(`/v1/people?${query({ q, region, kind: form.pick, limit: 50, as_of: state.asOf })}`);
      if (mine !== asked) return;
      if (!page.items.length) {
        results.replaceChildren(h("p", { class: "hint", text: t.noPeople }));
        return;
      }
      const ranked = rankPeople(page.items, path);
      results.replaceChildren(h("table", { class: "result-table", id: "assign-table" },
        h("thead", {}, h("tr", {}, h("th", { text: t.person }), h("th", { text: t.place }), h("th", { text: t.load }), h("th", {}))),
        h("tbody", {}, ...ranked.map((p) => {
          const effect = loadEffect(p);
          return h("tr", { dataset: { person: p.id, effect: effect || "" } },
            h("td", {}, p.name ? h("strong", { text: p.name }) : null, " ", h("span", { class: "mono hint", text: p.id })),
            h("td", { text: placeOf(p.region_path) + (lastId(p.region_path) === lastId(path) ? ` · ${t.sameVillage}` : "") }),
            h("td", { class: effect === "opens" ? "load-over" : null, text: p.load ? t.loadText(form.pick, p.load) : "—" }),
            h("td", {}, h("button", { type: "button", class: "button apply", text: t.choose, onclick: () => createAssignment(item, form, p, status) })));
        }))));
    } catch (e) {
      if (mine === asked) results.replaceChildren(h("p", { class: "error-box", role: "alert", text: writeError(e) }));
    }
  };
  const go = h("button", { type: "button", class: "button", id: "assign-go", text: t.search, onclick: search });
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") search(); });
  panel.body.replaceChildren(h("p", { class: "hint", text: t.assignHint }), h("p", {}, input, " ", go), results, status);
  input.focus();
  if (village) search();
}

async function createAssignment(item, form, person, status) {
  const t = T();
  const since = state.asOf;
  const body = { ...(form.extra || {}), [form.pickField]: person.id, [form.itemField]: item.id, since };
  const effect = loadEffect(person);
  const who = person.name || person.id;
  const lines = [
    [t.personOf(form.pick), `${who} (${person.id})`],
    [t.itemOf(state.metric), `${item.name || item.id} (${item.id})`],
    [t.since, since],
    [t.closesGap, `${metricTitle(state.metric)}: ${item.name || item.id}`],
  ];
  if (effect === "opens" && form.loadMetric) lines.push([t.opensGap, `${metricTitle(form.loadMetric)}: ${who} (${t.loadText(form.pick, { ...person.load, count: person.load.count + 1 })})`]);
  else if (effect === "opens") lines.push([t.opensGap, `${who}: ${t.loadText(form.pick, { ...person.load, count: person.load.count + 1 })}`]);
  else if (effect === "closes" && form.loadMetric) lines.push([t.closesGap, `${metricTitle(form.loadMetric)}: ${who}`]);
  else lines.push([t.opensGap, t.none]);
  const ok = await confirmWrite({ lines, warn: effect === "opens" ? t.overloadWarning(who) : null });
  if (!ok) return null;
  return sendWrite(`/v1/records/${form.kind}`, body, { status });
}

