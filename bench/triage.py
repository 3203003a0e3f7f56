"""Run the labelled triage scenario (bench/data/triage) through listenpost's commands and score
what a care team would act on: each post's role and whether it needs a reply, the tickets, the
suggestions for a ticket, the KPIs, the knowledge gaps and the identities.

On a fresh data directory it runs `init`, `customers import`, `kb import`, `import mentions` (the
posts moved in time so that the scenario's reference time is now) and `index`, then reads back
`mentions --json`, `tickets --json`, `suggest --ticket ID --json`, `kpis --json`, `gaps --json`
and `customers --json`. The commands are the `listenpost` click commands, invoked in this one
process (so the models load once). What the commands do not offer is scored by the fallback
named in the output (bench/data/triage/README.md lists them).

    python bench/triage.py [--json] [--split tune|test|all] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "triage"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from triage_metrics import (  # noqa: E402
    binary,
    classification,
    gap_scores,
    hits,
    kpi_errors,
    pairwise,
    queue_scores,
)

from pipelines.models import OPEN_STATUSES  # noqa: E402

SPLITS = ("tune", "test", "all")


class BenchError(Exception):
    pass


class Listenpost:
    """The listenpost commands on one data directory, with their wall time."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.timings: dict[str, float] = {}

    def __call__(self, *args: str, json_out: bool = False, stdin: str | None = None) -> Any:
        from click.testing import CliRunner

        from webapp.cli import main

        t0 = time.perf_counter()
        result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=True)
        # one timing per command and subcommand, whatever mention id it was given
        name = " ".join(a for a in args[:2] if not a.startswith("-") and not a.isdigit())
        self.timings[name] = round(self.timings.get(name, 0) + time.perf_counter() - t0, 2)
        if result.exit_code != 0:
            detail = (result.stderr or result.stdout or repr(result.exception)).strip()
            raise BenchError(
                f"listenpost {' '.join(args)}: exit {result.exit_code}: {detail[-300:]}"
            )
        return json.loads(result.stdout) if json_out else result.stdout

    def has(self, command: str, option: str | None = None) -> bool:
        from webapp.cli import main

        cmd = main.commands.get(command)
        if cmd is None or option is None:
            return cmd is not None
        return any(option in p.opts for p in cmd.params)


def load(data: Path) -> tuple[list[dict], dict[str, dict], dict[str, Any]]:
    def rows(name: str) -> list[dict]:
        return [json.loads(x) for x in (data / name).read_text(encoding="utf-8").splitlines()]

    mentions = rows("mentions.jsonl")
    labels = {row["id"]: row for row in rows("labels.jsonl")}
    truth = json.loads((data / "truth.json").read_text(encoding="utf-8"))
    return mentions, labels, truth


def shifted(mentions: list[dict], reference: datetime, now: datetime) -> list[dict]:
    """The posts moved so that the scenario's reference time is `now` (whole seconds)."""
    delta = (now - reference).total_seconds() // 1
    out = []
    for m in mentions:
        t = datetime.fromisoformat(m["created_at"].replace("Z", "+00:00"))
        t = datetime.fromtimestamp(t.timestamp() + delta, UTC)
        out.append({**m, "created_at": t.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return out


def run_commands(lp: Listenpost, data: Path, mentions: list[dict], reference: datetime,
                 progress: Any) -> dict[str, Any]:  # fmt: skip
    """Load the scenario and read everything back."""
    posts = lp.home / "mentions.jsonl"
    now = datetime.now(UTC).replace(microsecond=0)
    with posts.open("w", encoding="utf-8") as f:
        for m in shifted(mentions, reference, now):
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    progress("init, customers import, kb import")
    lp("init")
    lp("customers", "import", str(data / "customers.csv"), "--json")
    lp("kb", "import", str(data / "kb.jsonl"), "--json")
    progress(f"import mentions ({len(mentions)} posts)")
    imported = lp("import", "mentions", str(posts), "--json", json_out=True)
    progress("index")
    lp("index", "--json")
    progress("read back: mentions, tickets, customers, gaps, kpis")
    out: dict[str, Any] = {"imported": imported, "now": now.isoformat()}
    out["mentions"] = lp("mentions", "--json", json_out=True)
    out["tickets"] = lp("tickets", "--json", json_out=True)
    out["customers"] = lp("customers", "--json", json_out=True)
    out["gaps"] = lp("gaps", "--since", "30", "--json", json_out=True)["gaps"]
    out["kpis"], out["kpis_source"] = read_kpis(lp)
    return out


def read_kpis(lp: Listenpost) -> tuple[dict | None, str]:
    if lp.has("kpis"):
        return lp("kpis", "--days", "30", "--json", json_out=True), "kpis --json"
    # Fallback: the web app's KPI API (GET /api/kpis) with a token, mapped to the same fields.
    from webapp import create_app

    lp("user", "add", "bench", "--role", "admin", "--password-stdin", stdin="bench-pass-1\n")
    token = lp("token", "create", "bench").strip()
    app = create_app()
    with app.test_client() as client:
        r = client.get("/api/kpis?days=30", headers={"Authorization": f"Bearer {token}"})
    if r.status_code != 200:
        return None, f"GET /api/kpis: {r.status_code}"
    k = r.get_json()

    def frac(v: float | None) -> float | None:
        return None if v is None else round(v / 100, 4)

    return {
        "first_response_minutes": {
            "median": k["frt_median"],
            "p90": k["frt_p90"],
            "n": k["frt_n"],
        },  # fmt: skip
        "resolution_hours": {
            "median": k["resolution_median"],
            "p90": k["resolution_p90"],
            "n": k["closed"],
        },  # fmt: skip
        "fcr": frac(k["fcr"]),
        "closed_per_hour": k["closed_per_hour"],
        "sla_met": frac(k["sla_met"]),
    }, "GET /api/kpis (no kpis command)"


def _suggested(lp: Listenpost, *args: str) -> list[str]:
    try:
        res = lp("suggest", *args, "--k", "3", "--json", json_out=True)
    except BenchError:
        return []
    return [s["source_id"] for s in res["suggestions"]]


def suggestions(lp: Listenpost, ticket_ids: list[int], first_post: dict[int, int],
                progress: Any) -> tuple[dict[int, list[str]], str]:  # fmt: skip
    """Suggested document ids (source ids, in the order given) for each ticket."""
    by_ticket = lp.has("suggest", "--ticket")
    how = "suggest --ticket" if by_ticket else "suggest MENTION_ID on the ticket's first post"
    progress(f"{how}: {len(ticket_ids)} tickets")
    return {
        tid: _suggested(lp, *(["--ticket", str(tid)] if by_ticket else [str(first_post[tid])]))
        for tid in ticket_ids
    }, how


def matter_posts(labels: dict[str, dict], rows: dict[str, dict], ids: Any) -> dict[str, list[str]]:
    """The posts that state each matter with an own article, oldest first."""
    out: dict[str, list[str]] = {}
    for i in sorted((i for i in ids if i in rows), key=lambda i: rows[i]["created_at"]):
        if labels[i]["is_matter"] and labels[i]["kb"] and not labels[i]["by_brand"]:
            out.setdefault(labels[i]["matter"], []).append(i)
    return out


def score(run: dict[str, Any], labels: dict[str, dict], sugg: dict[int, list[str]],
          post_sugg: dict[str, list[str]], split: str) -> dict[str, Any]:  # fmt: skip
    rows = {m["source_id"]: m for m in run["mentions"]}
    by_pk = {m["id"]: m for m in run["mentions"]}
    scope = {i for i, lab in labels.items() if split == "all" or lab["split"] == split}
    customer = [i for i in sorted(scope) if not labels[i]["by_brand"] and i in rows]
    res: dict[str, Any] = {"posts": len(scope), "customer_posts": len(customer),
                           "missing": sorted(i for i in scope if i not in rows)}  # fmt: skip

    # What each post is
    if all("role" in rows[i] for i in customer):
        res["role"] = classification([labels[i]["role"] for i in customer],
                                     [rows[i]["role"] for i in customer])  # fmt: skip
    else:
        res["role"] = {"available": False}
    is_c = [bool(rows[i].get("is_complaint")) for i in customer]
    res["complaint"] = binary([labels[i]["role"] == "complaint" for i in customer], is_c)
    res["complaint"]["accuracy"] = classification(
        [str(labels[i]["role"] == "complaint") for i in customer], [str(c) for c in is_c],
        ("True", "False"))["accuracy"]  # fmt: skip
    if all("needs_reply" in rows[i] for i in customer):
        pred, res["needs_reply_source"] = [bool(rows[i]["needs_reply"]) for i in customer], "field"
    else:
        pred = [rows[i].get("status") == "open" for i in customer]
        res["needs_reply_source"] = "fallback: status == open"
    res["needs_reply"] = binary([labels[i]["needs_reply"] for i in customer], pred)

    # The tickets
    asking = [i for i in customer if labels[i]["matter"]
              and labels[i]["role"] in ("complaint", "question")]  # fmt: skip
    res["tickets"] = pairwise({i: labels[i]["matter"] for i in asking},
                              {i: rows[i]["ticket_id"] for i in asking})  # fmt: skip
    res["queue"] = queue_scores(
        queued(run, by_pk, scope),
        {i: labels[i]["matter"] or i for i in customer if labels[i]["needs_reply"]},
    )
    ticket_of = {m["source_id"]: m["ticket_id"] for m in run["mentions"]}
    ranked, relevant, by_post = [], [], []
    for posts in matter_posts(labels, rows, customer).values():
        topic = labels[posts[0]]["kb"].rsplit("-", 1)[0]
        relevant.append({f"{topic}-en", f"{topic}-es"})
        tid = ticket_of.get(posts[0])
        ranked.append(sugg.get(tid) if tid is not None else None)
        by_post.append(post_sugg.get(posts[0]))
    res["suggest"] = hits(ranked, relevant)
    res["suggest"]["without_ticket"] = sum(r is None for r in ranked)
    res["suggest_post"] = hits(by_post, relevant)

    # Gaps
    clusters = [[by_pk[int(x)]["source_id"] if str(x).isdigit() and int(x) in by_pk else str(x)
                 for x in g["mention_ids"]] for g in run["gaps"]]  # fmt: skip
    answered = {i for i in customer if not labels[i]["needs_reply"]}
    res["gaps"] = gap_scores(clusters, {i: labels[i]["gap"] for i in customer}, answered,
                             set(customer))  # fmt: skip

    # Identity: personas (platform, handle) of the customer posts
    persona_of = {}
    for c in run["customers"]:
        for p in c["personas"]:
            persona_of[(p["platform"], norm(p["handle"]))] = c["id"]
    true_p, pred_p = {}, {}
    for i in customer:
        key = (rows[i]["platform"], norm(rows[i]["author"]))
        true_p[key] = labels[i]["person"]
        pred_p[key] = persona_of.get(key, rows[i].get("customer_id"))
    res["identity"] = pairwise(true_p, pred_p)
    link = {(rows[i]["platform"], norm(rows[i]["author"])): labels[i].get("link") for i in customer}
    res["identity"]["recall_by_link"] = {
        kind: pairwise({k: v for k, v in true_p.items() if link[k] == kind}, pred_p)["recall"]
        for kind in sorted({v for v in link.values() if v})
    }
    return res


def queued(run: dict[str, Any], by_pk: dict[int, dict], scope: set[str]) -> list[list[str]]:
    """The queue (webapp.triage.queue, as GET /api/queue lists it): tickets not closed with a
    post that needs a reply, by priority, then SLA due time, then id; each as its posts'
    source ids. A ticket belongs to the split of its first post."""
    tickets = []
    for t in run["tickets"]:
        posts = [by_pk[p["mention_id"]] for p in t["posts"] if p["mention_id"] in by_pk]
        if (t["status"] in OPEN_STATUSES and posts and posts[0]["source_id"] in scope
                and any(p.get("needs_reply") for p in posts)):  # fmt: skip
            tickets.append(t)
    tickets.sort(key=lambda t: (-(t["priority"] or 0), t["sla_due_at"] or "", t["id"]))
    return [[by_pk[p["mention_id"]]["source_id"] for p in t["posts"] if p["mention_id"] in by_pk]
            for t in tickets]  # fmt: skip


def norm(handle: str) -> str:
    h = handle.strip().lower()
    for prefix in ("/u/", "u/", "@"):
        if h.startswith(prefix):
            return h[len(prefix) :]
    return h


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument(
        "--split", choices=SPLITS, default=None, help="only this split (default: all three)"
    )
    ap.add_argument("--keep", type=Path, default=None, help="data directory to create and keep")
    ap.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        print(f"--keep {args.keep}: directory exists and is not empty", file=sys.stderr)
        return 2
    home = args.keep or Path(tempfile.mkdtemp(prefix="listenpost-triage-"))
    home.mkdir(parents=True, exist_ok=True)
    config = args.data / "listenpost.toml"
    os.environ.update(LISTENPOST_HOME=str(home), LISTENPOST_CONFIG=str(config), HF_HUB_OFFLINE="1")
    os.environ.pop("LISTENPOST_DATABASE_URL", None)

    def progress(msg: str) -> None:
        if not args.json:
            print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    try:
        mentions, labels, truth = load(args.data)
        reference = datetime.fromisoformat(truth["reference"].replace("Z", "+00:00"))
        lp = Listenpost(home)
        run = run_commands(lp, args.data, mentions, reference, progress)
        first_post = {t["id"]: t["posts"][0]["mention_id"] for t in run["tickets"] if t["posts"]}
        ticket_of = {m["source_id"]: m["ticket_id"] for m in run["mentions"]}
        wanted = {ticket_of.get(i) for i, lab in labels.items() if lab["kb"] and lab["is_matter"]}
        sugg, how = suggestions(lp, sorted(t for t in wanted if t in first_post), first_post,
                                progress)  # fmt: skip
        rows = {m["source_id"]: m for m in run["mentions"]}
        firsts = [p[0] for p in matter_posts(labels, rows, labels).values()]
        progress(f"suggest MENTION_ID on the first post of {len(firsts)} matters")
        post_sugg = {i: _suggested(lp, str(rows[i]["id"])) for i in firsts}
        splits = [args.split] if args.split else list(SPLITS)
        out = {
            "commit": _commit(),
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "suggest_source": how,
            "kpis_source": run["kpis_source"],
            "kpis": kpi_errors(run["kpis"], truth["kpis"]),
            "splits": {s: score(run, labels, sugg, post_sugg, s) for s in splits},
            "seconds": round(time.perf_counter() - t0, 1),
            "command_seconds": lp.timings,
        }
    except BenchError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        from triage_report import render

        print(render(out))
    return 0


def _commit() -> str | None:
    try:
        git = ["git", "rev-parse", "--short", "HEAD"]
        return subprocess.run(git, cwd=ROOT, capture_output=True, text=True,  # noqa: S603
                              check=True).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    sys.exit(main())
