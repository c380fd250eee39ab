// Interface strings in English and Chinese. Region and item names are shown as in the data.

import { METRIC_LEVELS_ZH, METRIC_TEXTS } from "./metric_texts.js";

export const STRINGS = {
  en: {
    appTitle: "orgnet · Coverage dashboard",
    appSubtitle: "Party and government network coverage",
    skip: "Skip to content",
    asOf: "As of",
    today: "Today",
    referenceDay: "Reference day",
    jumpGaps: "Gap list ↓",
    calendarHint: (first, last, ref) => `The data changes between ${first} and ${last}; the page opens on ${ref}. Arrow up/down: a day later/earlier.`,
    onDay: (day) => ` · ${day}`,
    badDate: (text) => `“${text}” is not a date: write it as YYYY-MM-DD (e.g. 2020-03-31).`,
    badDateServer: "The server did not accept the date: write it as YYYY-MM-DD (e.g. 2020-03-31).",
    fromAfterTo: "The start of the period is after its end.",
    findRegion: "Find a region",
    findRegionPlaceholder: "part of a name, or a code",
    level: "Level",
    allLevels: "all levels",
    searchNone: "No region matches.",
    searchMore: (n) => `${n} more: type more of the name`,
    overview: "Where",
    overviewHint: "Coloured by the selected metric; click a region to open it.",
    mapSchematic: "Schematic map, not surveyed boundaries. Shapes:",
    mapMissing: "not on the map",
    treemapNote: (a, b) => `Treemap: area = items to cover, colour = coverage; ${a} with their ${b}.`,
    overTime: "Over time",
    preset1: "1 month", preset2: "2 months", preset3: "3 months", presetAll: "All data",
    from: "From", to: "to", show: "Show",
    beforeAfter: "Before / after, by sub-region",
    figures: "Figures",
    example: "Example:",
    peopleSearch: "Find a person by name or id",
    language: "中文",
    languageLabel: "Switch to Chinese",
    apiDocs: "API docs",
    neo4jBrowser: "Neo4j Browser",
    token: "API token",
    tokenHint: "Planners: paste a token to see personal names",
    save: "Save",
    regions: "Regions",
    treeHint: "Bars: coverage of the selected metric. Arrow keys move, Enter opens.",
    breadcrumb: "Breadcrumb",
    scorecard: "Scorecard",
    scorecardHint: "Choose a metric to see its sub-regions and its gaps.",
    uncovered: "uncovered",
    nothingToCover: "nothing to cover",
    incentives: "Incentives",
    incentivesIn: (region) => `Incentives in ${region}`,
    incentivesHint: "From frontline service to recognition to promotion, on the day shown; choose a metric to see its gaps.",
    funnelStages: { served: "Served at the front", recognised: "Recognised", noted: "Noted (纳入组织视野)", promoted: "Promoted" },
    ofStageBefore: "of the stage before",
    funnelNotNested: "A later stage is larger than an earlier one here, so the stages are drawn as bars, not as a funnel.",
    articleHeading: "As the article reports (徐州市, 2020)",
    cny: "CNY",
    articleVsGraph: { article: "article", graph: "graph", differs: "the graph differs" },
    articleFigures: {
      young_cadres_noted: "Young cadres noted for frontline performance",
      promoted: "Of them promoted",
      frontline_party_applications: "Applied to join the Party at the front",
      applications_from_wuhan_medical_workers: "Of them medical workers sent to Wuhan",
      joined_the_party_at_the_front: "Joined the Party at the front",
      posthumous_outstanding_members: "Posthumous outstanding Party members",
      medical_members_commended: "Frontline medical Party members commended",
      advanced_individuals: "Advanced individuals",
      pioneers_who_died_on_duty: "Died on duty, recommended as Jiangsu's pioneers",
      city_funds_cny: "City funds for frontline workers and members in hardship",
      county_funds_cny: "County funds",
      per_community_cny: "Per community",
    },
    covered: "covered",
    selectedMetric: "Metric",
    bySubregion: "Coverage by sub-region",
    viewChart: "Chart",
    viewMatrix: "All metrics",
    viewHotspots: "Hotspots",
    sortBy: "Sort",
    sortRatio: "lowest coverage first",
    sortUncovered: "most uncovered first",
    sortName: "by id",
    noChildren: "This region has no sub-regions.",
    hotspotsAt: "Worst regions at level",
    gaps: "Gaps",
    gapsIn: (metric, region, day) => `${metric} — uncovered in ${region} on ${day}`,
    search: "Search",
    searchPlaceholder: "name, id, place, reason…",
    category: "Reason",
    all: "All",
    within: "Within",
    exportCsv: "Export CSV",
    exportXlsx: "Export Excel",
    exporting: "Exporting…",
    exportDone: "Downloaded",
    colItem: "Item",
    colPlace: "Where",
    colReason: "Reason",
    noGaps: "No gaps: everything is covered here.",
    noMatch: "No gap matches the filters.",
    loading: "Loading…",
    loadedOf: (n, total) => `loaded ${n} of ${total}`,
    showing: (a, b, n) => `${a}–${b} of ${n}`,
    prev: "Previous",
    next: "Next",
    perPage: "per page",
    page: (p, n) => `page ${p} of ${n}`,
    tools: "Planning tools",
    whatIf: "What if…",
    suggestions: "Pairing suggestions",
    fieldPhones: "Field phones",
    whatIfIntro: "Who becomes unavailable (e.g. a cadre in quarantine)? Ids separated by commas or spaces.",
    cadres: "Cadres",
    members: "Party members",
    teams: "Volunteer teams",
    run: "Run",
    whatIfNone: "Nothing under this region loses coverage.",
    newlyUncovered: "newly uncovered",
    unknownIds: "Unknown ids (ignored)",
    whatIfEmpty: "Enter at least one id.",
    suggestionsIntro: "Cadre pairings that would close the enterprise-pairing gaps under this region (min-cost flow over capacity and jurisdiction). Nothing is written.",
    load: "Show suggestions",
    suggestEnterprise: "Enterprise",
    suggestLevel: "Level",
    suggestCadre: "Suggested cadre",
    suggestLoad: "Pairings",
    suggestWhy: "Why",
    unresolvable: "Cannot be closed",
    noSuggestions: "No enterprise-pairing gap under this region.",
    tryWhatIf: "what if unavailable?",
    error: "Could not load",
    retry: "Retry",
    levels: { nation: "nation", province: "province", city: "city", county: "county", town: "town", village: "village" },
    kinds: {
      city: "city", district: "district", county: "county", county_city: "county-level city",
      town: "town", street: "street", village: "village", community: "community",
      city_owned: "city-owned", non_public: "non-public", talent: "talent",
    },
    statusOk: "ok", statusWarn: "warning", statusBad: "bad", statusNone: "nothing to cover",
  },
  zh: {
    appTitle: "orgnet · 覆盖分析看板",
    appSubtitle: "党政网络覆盖情况",
    skip: "跳到正文",
    asOf: "日期",
    today: "今天",
    referenceDay: "基准日",
    jumpGaps: "缺口清单 ↓",
    calendarHint: (first, last, ref) => `数据变化于 ${first} 至 ${last} 之间；页面默认显示 ${ref}。上/下方向键：后一天/前一天。`,
    onDay: (day) => `（${day}）`,
    badDate: (text) => `“${text}”不是有效日期：请按 年-月-日 填写（如 2020-03-31）。`,
    badDateServer: "服务器未接受该日期：请按 年-月-日 填写（如 2020-03-31）。",
    fromAfterTo: "时段的开始日期晚于结束日期。",
    findRegion: "查找区域",
    findRegionPlaceholder: "名称的一部分，或代码",
    level: "层级",
    allLevels: "所有层级",
    searchNone: "没有匹配的区域。",
    searchMore: (n) => `另有 ${n} 个：请输入更多字`,
    overview: "分布",
    overviewHint: "按所选指标着色；点击区域进入。",
    mapSchematic: "示意图，非测绘边界。形状来源：",
    mapMissing: "未在地图上",
    treemapNote: (a, b) => `矩形树图：面积为应覆盖对象数，颜色为覆盖情况；${a}及其${b}。`,
    overTime: "随时间变化",
    preset1: "1 个月", preset2: "2 个月", preset3: "3 个月", presetAll: "全部数据",
    from: "从", to: "至", show: "显示",
    beforeAfter: "前后对比（按下级区域）",
    figures: "数据",
    example: "示例：",
    peopleSearch: "按姓名或编号查找人员",
    language: "English",
    languageLabel: "切换到英文",
    apiDocs: "API 文档",
    neo4jBrowser: "Neo4j Browser",
    token: "API 令牌",
    tokenHint: "规划人员：填入令牌后可查看人员姓名",
    save: "保存",
    regions: "行政区划",
    treeHint: "条形图为所选指标的覆盖率。方向键移动，回车打开。",
    breadcrumb: "当前位置",
    scorecard: "指标总览",
    scorecardHint: "选择一个指标，查看下级区划和缺口清单。",
    uncovered: "未覆盖",
    nothingToCover: "无覆盖对象",
    incentives: "激励",
    incentivesIn: (region) => `${region}的激励`,
    incentivesHint: "从一线服务到纳入视野、获得激励、提拔使用（所选日期）；选择指标查看未覆盖清单。",
    funnelStages: { served: "一线服务", recognised: "获得激励", noted: "纳入组织视野", promoted: "提拔使用" },
    ofStageBefore: "占上一环节",
    funnelNotNested: "此处后一环节人数多于前一环节，故以柱状图而非漏斗图显示。",
    articleHeading: "原文数据（徐州市，2020 年）",
    cny: "元",
    articleVsGraph: { article: "原文", graph: "图谱", differs: "图谱与原文不符" },
    articleFigures: {
      young_cadres_noted: "一线表现突出的年轻干部纳入组织视野",
      promoted: "其中提拔使用",
      frontline_party_applications: "在一线递交入党申请书",
      applications_from_wuhan_medical_workers: "其中援鄂医务人员",
      joined_the_party_at_the_front: "火线入党",
      posthumous_outstanding_members: "追授市级优秀共产党员",
      medical_members_commended: "表彰一线医务党员",
      advanced_individuals: "先进个人",
      pioneers_who_died_on_duty: "因公殉职、推荐为江苏省最美抗疫先锋",
      city_funds_cny: "市级关爱资金",
      county_funds_cny: "县区关爱资金",
      per_community_cny: "每个社区",
    },
    covered: "已覆盖",
    selectedMetric: "指标",
    bySubregion: "下级区划覆盖率",
    viewChart: "图表",
    viewMatrix: "全部指标",
    viewHotspots: "薄弱点",
    sortBy: "排序",
    sortRatio: "覆盖率从低到高",
    sortUncovered: "未覆盖数从多到少",
    sortName: "按编号",
    noChildren: "该区划没有下级区划。",
    hotspotsAt: "最薄弱的区划，层级",
    gaps: "缺口",
    gapsIn: (metric, region, day) => `${metric}——${region}未覆盖清单（${day}）`,
    search: "搜索",
    searchPlaceholder: "名称、编号、地点、原因…",
    category: "原因",
    all: "全部",
    within: "范围",
    exportCsv: "导出 CSV",
    exportXlsx: "导出 Excel",
    exporting: "正在导出…",
    exportDone: "已下载",
    colItem: "对象",
    colPlace: "所在地",
    colReason: "原因",
    noGaps: "没有缺口：此处全部覆盖。",
    noMatch: "没有符合筛选条件的缺口。",
    loading: "加载中…",
    loadedOf: (n, total) => `已加载 ${n} / ${total}`,
    showing: (a, b, n) => `第 ${a}–${b} 条，共 ${n} 条`,
    prev: "上一页",
    next: "下一页",
    perPage: "每页",
    page: (p, n) => `第 ${p} / ${n} 页`,
    tools: "规划工具",
    whatIf: "假设分析",
    suggestions: "包挂建议",
    fieldPhones: "一线手机",
    whatIfIntro: "哪些人员或队伍无法履职（例如干部隔离）？编号之间用逗号或空格分隔。",
    cadres: "干部",
    members: "党员",
    teams: "志愿服务队",
    run: "分析",
    whatIfNone: "本区划内没有对象因此失去覆盖。",
    newlyUncovered: "新增未覆盖",
    unknownIds: "未知编号（已忽略）",
    whatIfEmpty: "请至少输入一个编号。",
    suggestionsIntro: "可补齐本区划企业包挂缺口的干部安排（在干部容量和辖区约束下用最小费用流计算），不会写入数据。",
    load: "显示建议",
    suggestEnterprise: "企业",
    suggestLevel: "层级",
    suggestCadre: "建议干部",
    suggestLoad: "包挂数",
    suggestWhy: "理由",
    unresolvable: "无法补齐",
    noSuggestions: "本区划没有企业包挂缺口。",
    tryWhatIf: "假设无法履职？",
    error: "加载失败",
    retry: "重试",
    levels: { nation: "全国", province: "省", city: "市", county: "县(市、区)", town: "镇(街道)", village: "村(社区)" },
    kinds: {
      city: "市", district: "区", county: "县", county_city: "县级市",
      town: "镇", street: "街道", village: "村", community: "社区",
      city_owned: "市属企业", non_public: "非公企业", talent: "人才企业",
    },
    statusOk: "达标", statusWarn: "预警", statusBad: "不达标", statusNone: "无覆盖对象",
  },
};

// A metric's reason codes and sentences are its unit's (orgnet/coverage/metrics/), written into
// metric_texts.js by `python -m orgnet.coverage.generate`; nothing here restates them.

// The reason codes of each metric's gaps (the `reason` filter of GET /v1/gaps/{metric}).
export const REASON_CODES = Object.fromEntries(Object.entries(METRIC_TEXTS).map(([m, t]) => [m, Object.keys(t.reasons)]));

// The label of a reason code in the interface language.
export function reasonLabel(metric, code, lang) {
  const t = ((METRIC_TEXTS[metric] || {}).reasons || {})[code];
  return (t && (t[lang] || t.en)) || code;
}

// The rules of orgnet/coverage/metrics/_reasons.py (ReasonText.render), for the page.
const text = (v) => (v === null || v === undefined ? "" : String(v));
const money = (v) => Number(v || 0).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function holds(when, d) {
  if (!when) return true;
  for (const op of ["!=", "="]) {
    const i = when.indexOf(op);
    if (i >= 0) {
      const value = d[when.slice(0, i)];
      const expected = when.slice(i + op.length);
      const same = expected === "null" ? value === null || value === undefined : text(value) === expected;
      return op === "=" ? same : !same;
    }
  }
  if (when.startsWith("!")) return !truthy(d[when.slice(1)]);
  return truthy(d[when]);
}

// Python's truth: an empty list is false too.
const truthy = (v) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

function fill(template, d, items) {
  return template.replace(/\{([^{}|]+)(?:\|([^{}]+))?\}/g, (_, key, fmt = "") => {
    let value;
    if (key.includes("-")) {
      const [a, b] = key.split("-");
      value = (d[a] || 0) - (d[b] || 0);
    } else value = d[key];
    if (fmt === "level") return METRIC_LEVELS_ZH[text(value)] || text(value);
    if (fmt === "levels") return (value || []).map((v) => METRIC_LEVELS_ZH[text(v)] || text(v)).join("、");
    if (fmt === "money") return money(value);
    if (fmt.startsWith("each:")) return (value || []).map((v) => fill(items[fmt.slice(5)], v || {}, items)).join("、");
    return text(value);
  });
}

// The reason of a gap in the interface language (the API gives it in English).
export function reasonText(metric, item, lang) {
  const reason = (METRIC_TEXTS[metric] || {}).reason_zh;
  if (lang !== "zh" || !reason) return item.reason || "";
  try {
    const d = item.details || {};
    const shown = reason.parts.filter(([when]) => holds(when, d)).map(([, t]) => fill(t, d, reason.items));
    return shown.length ? shown.join(reason.sep) + reason.end : reason.otherwise;
  } catch (e) {
    return item.reason || "";
  }
}
