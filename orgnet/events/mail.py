"""E-mail: alert messages and digests through the SMTP server of the settings, in the recipient's
language (``zh`` or ``en``).

An e-mail subscription with ``digest: none`` gets one message per alert event it chose; with
``daily`` or ``weekly`` it gets a digest instead when due (``EMAIL_DIGEST_HOUR``, UTC): for each of
its regions the scorecard, the largest changes of the period (each metric's ratio now against the
period's first day) and the open alerts.  A digest is a delivery like any other (retried, logged,
dead-lettered), whose id names the subscription and the period: it is queued once.

>>> msg = render_alert({"type": "alert.opened", "alert": {"region_name": "丰县", "metric": "household_linkage", "threshold": "< 99.5 %",
...     "value": {"covered": 27063, "total": 27200, "ratio": 0.994963, "as_of": "2026-01-05"}, "rule_name": "丰县联户", "state": "open"}}, "zh")
>>> msg[0]
'[orgnet] 预警：丰县 · 党员联户覆盖 < 99.5 %'
"""

from __future__ import annotations

import datetime as dt
import smtplib
from email.message import EmailMessage
from typing import Any

from orgnet.coverage.metrics import get_metric
from orgnet.settings import Settings

TITLES = {
    "zh": {"alert.opened": "预警", "alert.acknowledged": "预警已确认", "alert.resolved": "预警已解除", "digest": "覆盖摘要"},
    "en": {"alert.opened": "Alert", "alert.acknowledged": "Alert acknowledged", "alert.resolved": "Alert resolved", "digest": "Coverage digest"},
}
WORDS = {
    "zh": {
        "rule": "规则",
        "region": "地区",
        "metric": "指标",
        "value": "当前",
        "threshold": "条件",
        "as_of": "日期",
        "by": "确认人",
        "items": "新增缺口",
        "scorecard": "记分卡",
        "changes": "变化最大",
        "alerts": "未解除的预警",
        "none": "无",
    },
    "en": {
        "rule": "Rule",
        "region": "Region",
        "metric": "Metric",
        "value": "Now",
        "threshold": "Condition",
        "as_of": "Day",
        "by": "Acknowledged by",
        "items": "New gaps",
        "scorecard": "Scorecard",
        "changes": "Largest changes",
        "alerts": "Open alerts",
        "none": "none",
    },
}


def metric_title(name: str, lang: str) -> str:
    try:
        m = get_metric(name)
    except Exception:  # noqa: BLE001 - a metric since removed is named as it was
        return name
    return m.title_zh if lang == "zh" else m.title_en


def _pct(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.2f} %"


def render_alert(payload: dict[str, Any], lang: str) -> tuple[str, str]:
    """``(subject, text)`` of an alert event's message."""
    alert, w = payload.get("alert") or {}, WORDS[lang]
    value = alert.get("value") or {}
    metric = metric_title(alert.get("metric", ""), lang)
    subject = f"[orgnet] {TITLES[lang][payload['type']]}：{alert.get('region_name')} · {metric} {alert.get('threshold')}"
    if lang == "en":
        subject = subject.replace("：", ": ")
    lines = [
        f"{w['rule']}: {alert.get('rule_name')}",
        f"{w['region']}: {alert.get('region_name')} ({alert.get('region_id', '')})",
        f"{w['metric']}: {metric}",
        f"{w['threshold']}: {alert.get('threshold')}",
        f"{w['value']}: {value.get('covered')} / {value.get('total')} = {_pct(value.get('ratio'))}",
        f"{w['as_of']}: {value.get('as_of')}",
    ]
    if alert.get("acknowledged_by"):
        lines.append(f"{w['by']}: {alert['acknowledged_by']}")
    if alert.get("items"):
        lines.append(f"{w['items']}: " + ", ".join(i.get("name") or i["id"] for i in alert["items"][:20]))
    lines.append(f"\nevent {payload.get('id')}")
    return subject, "\n".join(lines)


def render_digest(digest: dict[str, Any], lang: str) -> tuple[str, str]:
    """``(subject, text)`` of a digest (:func:`build_digest`)."""
    w = WORDS[lang]
    names = "、".join(r["region"]["name"] for r in digest["regions"])
    subject = f"[orgnet] {TITLES[lang]['digest']}：{names} ({digest['from']} – {digest['to']})"
    lines = []
    for part in digest["regions"]:
        lines.append(f"== {part['region']['name']} ({part['region']['id']}) ==")
        lines.append(f"{w['scorecard']}:")
        lines += [f"  {metric_title(x['metric'], lang)}: {x['covered']} / {x['total']} = {_pct(x['ratio'])} [{x['status']}]" for x in part["scorecard"]]
        lines.append(f"{w['changes']}:")
        lines += [f"  {metric_title(x['metric'], lang)}: {_pct(x['before'])} → {_pct(x['after'])}" for x in part["changes"]] or [f"  {w['none']}"]
        lines.append(f"{w['alerts']}:")
        lines += [f"  {a['region_name']} · {metric_title(a['metric'], lang)} {a['threshold']} ({a['state']})" for a in part["alerts"]] or [f"  {w['none']}"]
        lines.append("")
    return subject, "\n".join(lines)


def build_digest(graph: Any, *, regions: list[str], period: dt.timedelta, policy: Any, today: dt.date, alerts_of: Any) -> dict[str, Any]:
    """The digest of ``regions`` for the period ending ``today``: scorecards, the five largest
    changes of ratio (against the period's first day), the alerts not resolved."""
    from orgnet.coverage.rollups import scorecard

    start = today - period
    out = []
    for rid in regions:
        now = scorecard(graph, region_id=rid, as_of=today, policy=policy)
        before = {x["metric"]: x for x in scorecard(graph, region_id=rid, as_of=start, policy=policy)["lines"]}
        moved = [
            {"metric": x["metric"], "before": before[x["metric"]]["ratio"], "after": x["ratio"]}
            for x in now["lines"]
            if x["ratio"] is not None and before.get(x["metric"], {}).get("ratio") is not None and x["ratio"] != before[x["metric"]]["ratio"]
        ]
        moved.sort(key=lambda x: -abs(x["after"] - x["before"]))
        lines = [{k: x[k] for k in ("metric", "covered", "total", "ratio", "status")} for x in now["lines"]]
        out.append({"region": {"id": now["region"]["id"], "name": now["region"]["name"]}, "scorecard": lines, "changes": moved[:5], "alerts": alerts_of(rid)})
    return {"from": start.isoformat(), "to": today.isoformat(), "regions": out}


def send(settings: Settings, *, to: str, subject: str, text: str) -> None:
    """One message through ``SMTP_HOST``; raises on any failure (the caller logs the attempt)."""
    if not settings.smtp_host:
        raise RuntimeError("SMTP_HOST is not set: e-mail cannot be sent")
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_s) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value() if settings.smtp_password else "")
        smtp.send_message(msg)
