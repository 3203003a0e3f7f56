"""A post in the stored gap report (a question no own article answers) gets suggestions that
need a human and name the gap, wherever they are shown: `listenpost suggest` for the mention and
for its ticket, the ticket page, its fragment and the API; posts outside every gap do not."""

from __future__ import annotations

import json

from crawlers.items import utcnow
from indexer.gap_store import SINCE_DAYS, save
from indexer.suggest import suggest as indexer_suggest
from pipelines.models.records import KnowledgeDoc
from tests.webapp.support import login, seed, token_for
from webapp.cli import main

LABEL = 'Does Nubefon <b onclick="x()">support</b> wifi calling?'


def _json(result) -> dict:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _gap_report(db, member_id: int) -> None:  # noqa: ANN001
    gap = {"label": LABEL, "label_id": member_id, "lang": "en", "size": 1, "recent": 1,
           "earlier": 0, "growth": 1, "growth_text": "1 this fortnight", "coverage": 0.8,
           "mention_ids": ["t3_root0"], "ids": [member_id], "langs": ["en"], "answers": [],
           "third_party": []}  # fmt: skip
    save(db, SINCE_DAYS, "test", {"computed_at": utcnow().isoformat(), "since_days": SINCE_DAYS,
                                  "gaps": [gap]})  # fmt: skip


def test_a_gap_members_suggestions_need_a_human_and_name_the_gap(client, db, settings, cli):  # noqa: ANN001, ANN201
    ids = seed(db)
    tid, other_tid = ids["tickets"]
    root_id, yt_id = ids["mentions"][0]
    with db.session() as s:
        s.add(KnowledgeDoc(source="kb", source_id="kb-9", title="Double charges are refunded",
                           body="I was charged twice for my router plan: the double charge is "
                           "refunded automatically.", url="https://help.nubefon.example/double",
                           lang="en", content_hash="k9"))  # fmt: skip
    _json(cli.invoke(main, ["index", "--json"]))
    plain = _json(cli.invoke(main, ["suggest", str(root_id), "--json"]))
    assert plain["gap"] is None and plain["needs_human"] is False  # a close own article

    _gap_report(db, root_id)
    by_mention = _json(cli.invoke(main, ["suggest", str(root_id), "--json"]))
    assert (by_mention["gap"], by_mention["needs_human"]) == (LABEL, True)
    # the suggestions themselves are kept, fields and ranking alike
    assert by_mention["suggestions"] == plain["suggestions"]
    assert list(by_mention) == ["mention_id", "needs_human", "gap", "suggestions"]
    by_ticket = _json(cli.invoke(main, ["suggest", "--ticket", str(tid), "--json"]))
    assert (by_ticket["gap"], by_ticket["needs_human"]) == (LABEL, True)
    live = indexer_suggest(settings, db, mention_id=root_id)
    assert (live["gap"], live["needs_human"]) == (LABEL, True)
    words = cli.invoke(main, ["suggest", str(root_id)])
    assert "needs a human" in words.output and "knowledge gap" in words.output

    # another ticket's matter is in no gap; a text is never in one
    other = _json(cli.invoke(main, ["suggest", "--ticket", str(other_tid), "--json"]))
    assert (other["gap"], other["needs_human"]) == (None, False)
    text = _json(cli.invoke(main, ["suggest", "--text", "charged twice for my router", "--json"]))
    assert text["gap"] is None

    login(client, db, "alice", "agent")
    headers = {"Authorization": "Bearer " + token_for(db, "api-agent", "agent")}
    api = client.get(f"/api/tickets/{tid}/suggest", headers=headers).get_json()
    assert (api["gap"], api["needs_human"], api["mention_id"]) == (LABEL, True, yt_id)
    assert api["suggestions"] and all(s["needs_human"] for s in api["suggestions"])
    other_api = client.get(f"/api/tickets/{other_tid}/suggest", headers=headers).get_json()
    assert other_api["gap"] is None

    escaped = "Does Nubefon &lt;b onclick=&#34;x()&#34;&gt;support&lt;/b&gt; wifi calling?"
    for url in (f"/tickets/{tid}", f"/tickets/{tid}/suggestions?to={root_id}"):
        html = client.get(url).get_data(as_text=True)
        assert "No own article answers this" in html and escaped in html
        assert "<b onclick" not in html and "Weak match or a severe case" not in html
        assert "use-suggestion" in html  # the articles are still there to read
    other_page = client.get(f"/tickets/{other_tid}").get_data(as_text=True)
    assert "No own article answers this" not in other_page
