// The page's state (what the address holds) and the data every module reads.

import { STRINGS } from "./i18n.js";

export const DEFAULT_METRIC = "party_org_presence";
export const LEVELS = ["nation", "province", "city", "county", "town", "village"]; // nation/province: a province graph (issue 15)

export function initialLang() {
  const stored = localStorage.getItem("orgnet-lang");
  if (stored === "en" || stored === "zh") return stored;
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
}

export const state = {
  region: null,
  metric: DEFAULT_METRIC,
  asOf: null, // the day shown; default: the calendar's last day (GET /v1/calendar)
  from: null, // the period of the time chart; default: the calendar's first day
  to: null,
  lang: initialLang(),
  view: "chart",
  sort: "ratio",
  hotspotLevel: "village",
  pageSize: 20,
  q: "",
  reason: "",
  within: "",
  incentives: false, // the Incentives view shown (v=incentives)
};

export const data = {
  metrics: [],
  thresholds: { ok: 0.95, warn: 0.8 },
  calendar: null, // {first, last}
  region: null,
};

export const S = () => STRINGS[state.lang];
const metricInfo = (name) => data.metrics.find((m) => m.metric === name) || { metric: name, title_en: name, title_zh: name };
export const metricTitle = (name) => (state.lang === "zh" ? metricInfo(name).title_zh : metricInfo(name).title_en);
export const levelName = (lvl) => S().levels[lvl] || lvl;
export const kindName = (k) => S().kinds[k] || k;
export const fmt = (n) => Number(n).toLocaleString(state.lang === "zh" ? "zh-CN" : "en-US");

// A day the calendar knows: YYYY-MM-DD of a real date.
export function isDay(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text || "")) return false;
  const d = new Date(text + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
export function addDays(day, n) {
  const d = new Date(day + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export function monthStart(day, monthsBack) {
  const d = new Date(day + "T00:00:00Z");
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
}
