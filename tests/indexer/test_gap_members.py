"""Who can be in a knowledge gap (indexer.gaps.member_posts): customers' complaints and
questions the brand has not answered; never answers, praise, the brand's posts, help content,
duplicates or posts answered in their thread. Reads the database only (no model)."""

from __future__ import annotations

from datetime import timedelta

from crawlers.items import utcnow
from indexer.gap_members import asks, member_posts, solved
from indexer.gaps import growth_text, main_language, trim_question
from pipelines.models import Mention, Ticket


def _add(s, source_id: str, text: str, hours_ago: float, **kw) -> Mention:  # noqa: ANN001, ANN003
    # a customer's complaint or question needs a reply unless the test says otherwise (the
    # status stage's flag: false once the brand answered in the thread)
    asking = kw.get("role") in ("complaint", "question") and not kw.get("by_brand")
    kw.setdefault("needs_reply", True if asking else False)
    m = Mention(platform=kw.pop("platform", "reddit"), source_id=source_id,
                author=kw.pop("author", f"u_{source_id}"), text=text,
                created_at=utcnow() - timedelta(hours=hours_ago), content_hash=source_id,
                thread_id=kw.pop("thread_id", source_id), **kw)  # fmt: skip
    s.add(m)
    s.flush()
    return m


def test_only_complaints_and_questions_that_need_a_reply_are_members(db) -> None:  # noqa: ANN001
    with db.session() as s:
        _add(s, "q", "How do I move my eSIM to a new phone?", 10, role="question")
        _add(s, "c", "My eSIM transfer failed and I have no signal", 9, role="complaint")
        # a helpful answer that ends with a question, classified a complaint: still an answer
        _add(s, "a", "Go to Settings > Transfer eSIM. Did that work?", 8, role="answer",
             thread_id="q", is_complaint=True, needs_reply=True)  # fmt: skip
        _add(s, "p", "Thanks, the eSIM moved in a minute!", 8, role="praise", is_complaint=True,
             needs_reply=True)  # fmt: skip
        _add(s, "x", "What a day", 8, role="other")
        # not understood yet (no role): not a member, whatever its words or flags say
        _add(s, "r", "Anyone know how to set up voicemail?", 7, needs_reply=True)
        _add(s, "r2", "My router is broken, no internet", 7, is_complaint=True, needs_reply=True)
        # a question whose reply is not decided (no status yet) or owed no more
        _add(s, "nr0", "Can I keep my number when I move?", 7, role="question", needs_reply=None)
        _add(s, "n", "Why is my bill higher?", 2, role="question", needs_reply=False)
        # answered by the brand later in its thread (the status stage's flag); the brand's answer
        _add(s, "b", "Can I call Morocco on the basic plan?", 6, role="question",
             needs_reply=False, status="answered")  # fmt: skip
        _add(s, "b-reply", "Yes, at 0.20 a minute.", 5, role="other", by_brand=True, thread_id="b")
        # the brand wrote first in this thread; the customer's question came after
        _add(s, "f", "Our new plans are out!", 6, by_brand=True, platform="forum")
        _add(s, "f-q", "Does the new plan include 5G?", 4, role="question", platform="forum",
             thread_id="f")  # fmt: skip
        original = _add(s, "d0", "Is there parental control on lines?", 3, role="question")
        _add(s, "d1", "Is there parental control on lines?", 2, role="question",
             duplicate_of_id=original.id)  # fmt: skip
        _add(s, "h", "How to transfer an eSIM?", 2, role="question", content_type="help")
        _add(s, "old", "How do I port my number out?", 24 * 40, role="question")
        # "me too" replies: a complaint that asks nothing is not a matter; one that asks is
        _add(s, "m1", "Same here in Cardiff, since this morning", 3, role="complaint",
             thread_id="q", parent_id="q")  # fmt: skip
        _add(s, "m2", "Same here, does anyone know a fix?", 3, role="complaint", thread_id="q",
             parent_id="q")  # fmt: skip
        # a follow-up in a ticket is not its matter
        ticket = Ticket(status="open")
        s.add(ticket)
        s.flush()
        opener = _add(s, "t1", "Why can't I open ports, am I behind CGNAT?", 5, role="question",
                      ticket_id=ticket.id)  # fmt: skip
        _add(s, "t2", "Any news on this?", 1, role="question", ticket_id=ticket.id,
             thread_id="t1", parent_id="t1")  # fmt: skip
        ticket.matter = [opener.id]
        # the author's own later reply in their thread, in no ticket: a follow-up, not a matter;
        # another customer's question in that thread is one
        _add(s, "u1", "My PUK is locked, where do I find it?", 6, role="complaint",
             author="grace")  # fmt: skip
        _add(s, "u2", "Any update on this? It's been 6 days", 1, role="complaint",
             author="grace", thread_id="u1", parent_id="u1")  # fmt: skip
        _add(s, "u3", "Can I order a new SIM online?", 1, role="question", thread_id="u1",
             parent_id="u1")  # fmt: skip
        # the author said later in the thread that it is solved: not a gap; "still not fixed"
        # or a question is no such word
        _add(s, "s1", "How do I turn on VoLTE on my Pixel?", 9, role="question", author="ana")
        _add(s, "s2", "Solved, it was in the SIM settings. Thanks all!", 8, role="praise",
             author="ana", thread_id="s1", parent_id="s1")  # fmt: skip
        _add(s, "e1", "Mi router no da wifi 5 GHz, ¿cómo lo activo?", 9, role="question",
             author="eva", platform="forum")  # fmt: skip
        # earlier than the question: not its answer
        _add(s, "e2", "Ya funciona, gracias", 10, role="praise", author="eva", platform="forum",
             thread_id="e1", parent_id="e1")  # fmt: skip
        _add(s, "k1", "Voicemail keeps saying my box is full", 9, role="complaint",
             author="kim")  # fmt: skip
        _add(s, "k2", "Still not fixed after deleting everything", 8, role="complaint",
             author="kim", thread_id="k1", parent_id="k1")  # fmt: skip
        _add(s, "k3", "Is it resolved for anyone?", 7, role="question", author="kim",
             thread_id="k1", parent_id="k1")  # fmt: skip
        _add(s, "w1", "Fibre is down again in my street", 9, role="complaint", author="wes")
        _add(s, "w2", "That worked, thanks! Router is back", 8, role="praise", author="wes",
             thread_id="w1", parent_id="w1")  # fmt: skip
        # replies that ask nothing: a peer's advice read as a question is not a member; a
        # question without its mark is; a comment under a video is the commenter's own post
        _add(s, "v", "Our new router, unboxed", 9, by_brand=True, platform="youtube", kind="video")
        _add(s, "v1", "The new router drops the wifi every night", 8, role="complaint",
             platform="youtube", kind="comment", thread_id="v", parent_id="v")  # fmt: skip
        _add(s, "v2", "Pide que te lean el DNI del titular, suele ser eso.", 7, role="question",
             platform="youtube", kind="comment", thread_id="v", parent_id="v1")  # fmt: skip
        _add(s, "v3", "is there a parental control on that router", 7, role="question",
             platform="youtube", kind="comment", thread_id="v", parent_id="v1")  # fmt: skip
        # a question to the peer whose post it replies to is a conversation, not a gap
        _add(s, "g1", "Back from Lisbon, roaming worked fine", 9, role="praise", author="sam",
             platform="forum", kind="post")  # fmt: skip
        _add(s, "g2", "Good to hear. Did you have to activate the pass before leaving?", 8,
             role="question", platform="forum", kind="comment", thread_id="g1",
             parent_id="g1")  # fmt: skip
    members = member_posts(db, utcnow() - timedelta(days=30))
    assert sorted(p.source_id for p in members) == ["c", "d0", "e1", "f-q", "k1", "m2", "q",
                                                    "t1", "u1", "u3", "v1", "v3"]  # fmt: skip


def test_asking_and_solved_read_from_the_words() -> None:
    assert asks("is there any parental control or schedule on the router")
    assert asks("hay control parental en el router de orbita")
    assert asks("Same here. Anyone found a fix")
    assert not asks("Can confirm, same here since Monday")
    assert not asks("Do not buy the premium plan")
    assert not asks("Pide que te lean el DNI del titular, suele ser eso.")
    assert not asks("What a day")
    assert solved("Solved, it was in the SIM settings. Thanks!") and solved("Ya funciona, gracias")
    assert solved("That worked, data is up. Thanks!")
    assert not solved("Still not fixed") and not solved("¿ya está solucionado?")
    assert not solved("Any news? not resolved yet")


def test_labels_and_growth_read_as_words() -> None:
    assert trim_question("eSIM\n¿Cómo paso la eSIM de mi móvil viejo al nuevo? Gracias") == (
        "¿Cómo paso la eSIM de mi móvil viejo al nuevo?"
    )
    assert trim_question("Quiero poner control parental. ¿El router lo permite?") == (
        "Quiero poner control parental. ¿El router lo permite?"
    )
    assert trim_question("Hi all. Just got a new phone. How do I move my eSIM over to it?") == (
        "Just got a new phone. How do I move my eSIM over to it?"
    )
    # a question about "this" is labelled after the title that says what it is
    blocked = ("Skyline rechaza mi cambio de compañía desde hace dos semanas\nLo pedí el lunes 3 "
               "y lo rechazan por datos que no coinciden. En la tienda me mandan al teléfono. "
               "¿Alguien sabe cómo desbloquear esto?")  # fmt: skip
    assert trim_question(blocked) == (
        "Skyline rechaza mi cambio de compañía desde hace dos semanas: "
        "¿Alguien sabe cómo desbloquear esto?"
    )
    untitled = "The bill doubled. Support says wait. Who do I talk to about this at Skyline?"
    assert trim_question(untitled) == ("Support says wait. Who do I talk to about this at Skyline?")
    assert trim_question("Awful service at the store\nThe staff in the mall shop ignored me for an "
                         "hour") == ("Awful service at the store: The staff in the mall shop "
                                     "ignored me for an hour")  # fmt: skip
    assert trim_question("Help! My router shows a red light") == "Help! My router shows a red light"
    assert trim_question("") == ""
    long = "Why " + "really " * 40 + "?"
    assert len(trim_question(long)) <= 120 and trim_question(long).endswith("…")
    assert main_language(["es", "en", "es", None]) == "es"
    assert growth_text(5, 1, 30) == "5 in the last 15 days, 1 in the 15 days before"
    assert growth_text(1, 0, 2) == "1 in the last 1 day, 0 in the 1 day before"
