"""The text report of bench/triage.py: one row per figure, one column per split, the target."""

from __future__ import annotations

from typing import Any

ROWS = (
    ("role accuracy", ("role", "accuracy"), ">= 0.85"),
    ("role macro-F1", ("role", "macro_f1"), ""),
    ("complaint precision (is_complaint)", ("complaint", "precision"), ""),
    ("complaint recall (is_complaint)", ("complaint", "recall"), ""),
    ("needs-reply precision", ("needs_reply", "precision"), ">= 0.9"),
    ("needs-reply recall", ("needs_reply", "recall"), ">= 0.9"),
    ("queue precision (tickets owing a reply)", ("queue", "precision"), ""),
    ("queue precision, first 10", ("queue", "precision@10"), ""),
    ("queue recall (owed matters queued)", ("queue", "recall"), ""),
    ("ticket pairs precision", ("tickets", "precision"), ""),
    ("ticket pairs recall", ("tickets", "recall"), ""),
    ("suggestion hit@1", ("suggest", "hit@1"), ">= 0.8"),
    ("suggestion hit@3", ("suggest", "hit@3"), ">= 0.95"),
    ("  matters (no ticket)", ("suggest", "n"), ""),
    ("suggestion hit@1 on the matter's post", ("suggest_post", "hit@1"), ""),
    ("suggestion hit@3 on the matter's post", ("suggest_post", "hit@3"), ""),
    ("gap purity", ("gaps", "purity"), ">= 0.8"),
    ("gap topics found", ("gaps", "found"), ""),
    ("answered posts inside gaps", ("gaps", "answered_inside"), "0"),
    ("identity pairs precision", ("identity", "precision"), "1.0"),
    ("identity pairs recall", ("identity", "recall"), ">= 0.8"),
)


def _get(d: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def render(out: dict[str, Any]) -> str:
    splits = list(out["splits"])
    lines = [f"triage scenario on {out['commit'] or '?'} ({out['date']}), {out['seconds']} s"]
    head = f"{'figure':<38}" + "".join(f"{s:>9}" for s in splits) + "   target"
    lines += [head, "-" * len(head)]
    for label, path, target in ROWS:
        cells = []
        for s in splits:
            v = _get(out["splits"][s], path)
            if path[1] == "n":
                v = f"{v} ({out['splits'][s]['suggest']['without_ticket']})"
            elif label.startswith("gap topics"):
                v = f"{v}/{out['splits'][s]['gaps']['topics']}"
            cells.append(f"{_fmt(v):>9}")
        lines.append(f"{label:<38}" + "".join(cells) + f"   {target}")
    any_split = out["splits"][splits[-1]]
    lines.append("")
    lines.append(f"needs reply from: {any_split['needs_reply_source']}; suggestions from: "
                 f"{out['suggest_source']}; KPIs from: {out['kpis_source']}")  # fmt: skip
    k = out["kpis"]
    if not k.get("available"):
        lines.append("KPIs: n/a")
    else:
        lines.append(f"KPIs exact: {k['exact']} of {k['fields']} (target: all)")
        for name, f in k["detail"].items():
            lines.append(f"  {name:<30} truth {_fmt(f['truth']):>9}  measured "
                         f"{_fmt(f['measured']):>9}  error {_fmt(f['error'])}")  # fmt: skip
    for s in splits:
        per_link = out["splits"][s]["identity"].get("recall_by_link", {})
        parts = [f"{k} {_fmt(v)}" for k, v in per_link.items()]
        lines.append(f"identity recall by evidence ({s}): " + ", ".join(parts))
    for s in splits:
        per = out["splits"][s]["gaps"]["per_topic"]
        parts = [f"{t} {_fmt(v['recall'])}/{_fmt(v['purity'])}" for t, v in per.items()]
        lines.append(f"gap recall/purity per topic ({s}): " + ", ".join(parts))
    return "\n".join(lines)
