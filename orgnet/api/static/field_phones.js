// Field phones (issue 26), for planners: enrol a person of the scope (a one-time link and QR code,
// valid 24 h, one use) and revoke a phone at once.  The API refuses everyone else (403) and people
// outside the scope (404); the panel says so.

import { ApiError, fetchJson, get } from "./api.js";
import { $, h } from "./dom.js";
import { confirmWrite } from "./ops.js";
import { data, state } from "./state.js";

const T = {
  en: {
    intro: "A phone for a cadre or a party member of your scope: they open the link or scan the QR code once (valid 24 h, one use) and record from the front, offline too.",
    find: "Find a person by name or id",
    personType: "Person",
    cadre: "Cadre",
    member: "Party member",
    personId: "Person id",
    name: "Account name (shown in the change log)",
    create: "Create and show the code",
    link: "Enrolment link",
    expires: (t) => `Valid until ${t} (UTC), once.`,
    accounts: "Field accounts",
    none: "No field account in your scope yet.",
    enrolled: "enrolled",
    waiting: "code open",
    notEnrolled: "not enrolled",
    revoked: "revoked",
    revoke: "Revoke",
    confirmRevoke: "Revoke this phone: its token stops working at once",
    needPlanner: "Sign in with a planner account to enrol phones.",
    notFound: "No such person in your scope.",
    error: "Error",
  },
  zh: {
    intro: "为本辖区的干部或党员绑定手机：对方打开链接或扫描二维码一次（24 小时内有效，仅限一次），即可在一线记录，离线也可。",
    find: "按姓名或编号查找人员",
    personType: "人员类别",
    cadre: "干部",
    member: "党员",
    personId: "人员编号",
    name: "账号名称（显示在变更记录中）",
    create: "创建并显示绑定码",
    link: "绑定链接",
    expires: (t) => `有效期至 ${t}（UTC），仅限一次。`,
    accounts: "一线手机账号",
    none: "本辖区尚无一线手机账号。",
    enrolled: "已绑定",
    waiting: "绑定码待使用",
    notEnrolled: "未绑定",
    revoked: "已停用",
    revoke: "停用",
    confirmRevoke: "停用这部手机：其令牌立即失效",
    needPlanner: "请使用规划员账号登录后绑定手机。",
    notFound: "本辖区没有此人员。",
    error: "错误",
  },
};
const L = () => T[state.lang] || T.en;

function problem(e) {
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return L().needPlanner;
  if (e instanceof ApiError && e.status === 404) return L().notFound;
  return `${L().error}: ${e.message}`;
}

function svgImage(svg) {
  const url = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
  return h("img", { src: url, alt: "QR", class: "field-qr", width: 200, height: 200, "data-testid": "field-qr" });
}

export async function loadFieldAccounts() {
  const out = $("#field-accounts");
  try {
    const res = await fetchJson("/v1/field/accounts"); // never cached: it changes with every enrolment and revocation
    const state_ = (a) => (a.disabled ? L().revoked : a.enrolled_at ? L().enrolled : a.open_code ? L().waiting : L().notEnrolled);
    out.replaceChildren(res.items.length
      ? h("table", { class: "result-table", id: "field-accounts-table" },
        h("tbody", {}, ...res.items.map((a) => h("tr", { "data-id": a.id },
          h("td", {}, a.name, h("span", { class: "item-id mono", text: a.id })),
          h("td", {}, `${a.person_type === "cadre" ? L().cadre : L().member} `, h("span", { class: "mono", text: a.person_id })),
          h("td", { class: "field-state", text: state_(a) }),
          h("td", {}, a.disabled ? null : h("button", { type: "button", class: "button", text: L().revoke, onclick: () => revoke(a) }))))))
      : h("p", { class: "hint", text: L().none }));
  } catch (e) {
    out.replaceChildren(h("p", { class: "hint", text: problem(e) }));
  }
}

async function revoke(a) {
  const ok = await confirmWrite({ lines: [[L().confirmRevoke, `${a.name} (${a.id})`]] });
  if (!ok) return;
  try {
    await fetchJson(`/v1/field/accounts/${encodeURIComponent(a.id)}/revoke`, { method: "POST", body: {} });
  } catch (e) {
    $("#field-result").replaceChildren(h("p", { class: "error-box", role: "alert", text: problem(e) }));
  }
  await loadFieldAccounts();
}

async function enrol(ev) {
  ev.preventDefault();
  const form = ev.target;
  const out = $("#field-result");
  const body = { person_type: form.elements.person_type.value, person_id: form.elements.person_id.value.trim(), name: form.elements.name.value.trim() };
  try {
    const res = await fetchJson("/v1/field/accounts", { method: "POST", body });
    const link = new URL(res.enrolment.link, location.origin).href;
    out.replaceChildren(h("div", { class: "result-block", "data-testid": "field-enrolment" },
      h("p", {}, h("strong", { text: `${L().link}: ` }), h("a", { href: link, class: "mono", "data-testid": "field-link", text: link })),
      res.enrolment.qr_svg ? svgImage(res.enrolment.qr_svg) : null,
      h("p", { class: "hint", text: L().expires(res.enrolment.expires_at) })));
    form.reset();
    await loadFieldAccounts();
  } catch (e) {
    out.replaceChildren(h("p", { class: "error-box", role: "alert", text: problem(e) }));
  }
}

let timer = null;
function search(ev) {
  clearTimeout(timer);
  const q = ev.target.value.trim();
  const list = $("#field-people");
  timer = setTimeout(async () => {
    if (!q) { list.replaceChildren(); return; }
    try {
      const res = await get("/v1/people", { q, region: data.region && data.region.id, limit: 10 });
      list.replaceChildren(...(res.items || []).filter((p) => /cadre|member/i.test(String(p.kind || p.label || ""))).map((p) => h("li", {},
        h("button", { type: "button", class: "chip-button", text: `${p.name || ""} ${p.id}`.trim(), onclick: () => {
          const form = $("#field-form");
          form.elements.person_type.value = /member/i.test(String(p.kind || p.label)) ? "party_member" : "cadre";
          form.elements.person_id.value = p.id;
          if (!form.elements.name.value) form.elements.name.value = `${p.name || p.id}`;
        } }))));
    } catch (e) {
      list.replaceChildren(h("li", { class: "hint", text: problem(e) }));
    }
  }, 250);
}

export function renderFieldPanel() {
  const l = L();
  $("#panel-field").replaceChildren(
    h("p", { class: "hint", text: l.intro }),
    h("div", { class: "people-search" },
      h("label", { for: "field-search", text: l.find }), h("input", { id: "field-search", type: "search", autocomplete: "off", spellcheck: "false", oninput: search }),
      h("ul", { id: "field-people", class: "people-results" })),
    h("form", { id: "field-form", class: "whatif-form", onsubmit: enrol },
      h("label", { for: "field-type", text: l.personType }),
      h("select", { id: "field-type", name: "person_type" }, h("option", { value: "cadre", text: l.cadre }), h("option", { value: "party_member", text: l.member })),
      h("label", { for: "field-person", text: l.personId }), h("input", { id: "field-person", name: "person_id", required: true, maxlength: 64, spellcheck: "false", autocomplete: "off" }),
      h("label", { for: "field-name", text: l.name }), h("input", { id: "field-name", name: "name", required: true, maxlength: 100, autocomplete: "off" }),
      h("button", { type: "submit", class: "button primary", "data-testid": "field-create", text: l.create })),
    h("div", { id: "field-result", "aria-live": "polite" }),
    h("h4", { text: l.accounts }),
    h("div", { id: "field-accounts" }));
  loadFieldAccounts();
}
