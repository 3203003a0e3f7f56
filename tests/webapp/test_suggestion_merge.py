"""How a ticket's suggestions combine the hits of its matter posts (webapp.suggestions._merge):
the mean over the posts ranks, and each post's own best article is among those shown."""

from __future__ import annotations

from webapp.suggestions import _merge


def hit(doc: int, score: float, twin: int | None = None) -> dict:
    return {"doc_id": doc, "score": score, "similarity": score - 0.1, "twin": twin}


def test_one_post_is_its_own_ranking() -> None:
    hits = [hit(2, 0.8), hit(1, 0.9), hit(3, 0.7)]
    assert [h["doc_id"] for h in _merge([hits], 2)] == [1, 2]


def test_restatements_rank_by_their_mean() -> None:
    first = [hit(1, 0.95), hit(2, 0.94), hit(3, 0.93), hit(4, 0.90)]
    again = [hit(2, 0.94), hit(1, 0.93), hit(3, 0.92), hit(4, 0.91)]
    merged = _merge([first, again], 3)
    assert [(h["doc_id"], h["score"]) for h in merged] == [(1, 0.94), (2, 0.94), (3, 0.925)]


def test_each_problem_of_the_ticket_has_its_answer_among_those_shown() -> None:
    # a card that never arrived, then a login locked for days: articles 1 and 2 answer them;
    # article 3 is near both and leads by mean, article 2 would fall out of the first three
    card = [hit(1, 0.96), hit(3, 0.95), hit(4, 0.94), hit(5, 0.93), hit(2, 0.80)]
    login = [hit(2, 0.97), hit(3, 0.95), hit(4, 0.94), hit(5, 0.93), hit(1, 0.80)]
    by_mean = [3, 4, 5]
    assert [h["doc_id"] for h in _merge([card, login], 5)][:3] == by_mean
    shown = _merge([card, login], 3)
    assert [h["doc_id"] for h in shown] == [3, 2, 1]  # by mean: 0.95, 0.885, 0.88
    assert [h["score"] for h in shown] == sorted((h["score"] for h in shown), reverse=True)
    # only as many as asked for: the best by mean, then the first post's own best
    assert [h["doc_id"] for h in _merge([card, login], 2)] == [3, 1]


def test_two_language_versions_are_one_article() -> None:
    # the Spanish post's best is the Spanish version (11) of article 1 (its English version)
    en = [hit(1, 0.96, twin=11), hit(3, 0.95), hit(4, 0.94), hit(2, 0.80)]
    es = [hit(11, 0.97, twin=1), hit(3, 0.95), hit(4, 0.94)]
    shown = [h["doc_id"] for h in _merge([en, es], 2)]
    assert shown == [11, 3]  # one version of article 1, the one that scored best
