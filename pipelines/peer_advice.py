"""Peer advice: a customer's reply that helps another customer; a customer's post that asks for
their own sake, which helps no one else; and one that asks the other readers, not the brand.

A post is a *peer reply* when it replies to another customer's post in a thread someone else
opened: its parent (``parent_id``, the same platform) is known, is not the brand's and has
another author, and the thread's opener (its post without a parent) is not the author. A
reply in the author's own thread, or under their own post, is a follow-up, except a video
maker's reply to a viewer's comment, which is a peer reply; a reply to the brand is not a peer
reply either. Authors are compared by handle, case-folded.

A peer reply that gives advice (:func:`advice_cue`) votes for the role ``answer``
(``pipelines.classify.PEER_ADVICE_WEIGHT``): a grievance told alongside the advice is the
experience behind it. The text models still decide, so a reply that asks its own question, or
whose grievance outweighs its advice, keeps that role.

Parents and openers are looked up in the batch first, then with one query per platform for the
rest (posts stored earlier); a parent that is neither gives no vote.

A customer's post that asks something in the first person (:func:`asks_for_self`: "can I put it in
bridge mode?", "¿puedo cambiar mi tarifa?"), opener or reply, asks for the writer's own sake and is
never an answer; nor is one that ends with a question, marked or not (:func:`ends_asking`). A
customer's post that opens a thread on Reddit or a forum mostly asks or tells of a fault there
(help content opens fewer threads), so, unless it leads with advice (:func:`leads_with_advice`, as
a tip or a guide does), it weighs "answer" less (``pipelines.classify.OPENER_ANSWER_WEIGHT``); so
does the opener's own later reply in the thread (a follow-up, found by :func:`peer_replies`), which
carries on their matter even when it repeats someone's advice. A YouTube thread opens with a video,
whose title may well ask ("How do I ...?") and still be help content: videos get neither.

A post that puts its questions to the other readers (:func:`asks_others`: "does anyone know if
the shop opens on Sundays?") about nothing of the writer's own, and asks no how-to, is chatter
among users: it weighs "other" more (``pipelines.classify.ASKS_OTHERS_WEIGHT``). A peer reply that
only asks the customer it replies to about their case (:func:`asks_peer`: "did you have to call
them?", "¿tuviste que llamar?") is chatter between customers too: its role is "other". A peer
reply to another customer's chatter (:func:`parent_roles`: a poll among users, news
someone shared) chats on, and weighs "other" more (``pipelines.classify.CHATTER_REPLY_WEIGHT``);
one that says the writer has the same (:func:`me_too`: "same here", "aquí igual") shares its
parent's kind of role (``pipelines.classify.ME_TOO_WEIGHT``).
A video (:func:`is_video`) is published for whoever watches, not put to the brand: never a
question, and a complaint only when that reading is more likely than not
(``pipelines.classify.VIDEO_COMPLAINT``).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crawlers.items import Mention, as_utc
from pipelines.models import Mention as MentionRow

# An instruction: a sentence (or a clause after a comma or "and"/"y"/"then"/"luego") that
# starts with one of these verbs in the imperative (Spanish: the tú, usted and vosotros forms),
# with its object pronouns attached in Spanish ("ponlo", "pídeles", "mándales"), or with a
# negation before it ("don't pay", "never sign", "no quites", "no lo toques"). Verbs are
# compared without their accents ("envia", "envía").
_ENGLISH_VERBS = frozenset(
    """
    try turn put unplug plug restart reboot reset go check call ask use set change switch
    disable enable clear update install remove dial tap press hold contact move make look open
    send screenshot keep wait email text quote mention file request tell insist escalate
    save write take leave avoid skip stick run
    """.split()
)
# Verbs only an instruction puts after "don't", "do not" or "never" at the start of a clause.
_ENGLISH_NEGATED = frozenset(
    "pay accept sign agree buy bother cancel let give return trust".split()
)
# Spanish imperatives: the tú forms (from which the negative ones are derived), the usted and
# the vosotros forms.
_SPANISH_TU = frozenset(
    """
    prueba pide pon desenchufa enchufa reinicia resetea llama mira comprueba revisa usa cambia ve
    entra reclama guarda activa desactiva apaga quita busca escribe instala actualiza borra deja
    haz conecta desconecta separa solicita mantén pulsa abre manda envía insiste espera
    """.split()
)
_SPANISH_USTED = frozenset(
    """
    pruebe pida ponga reinicie llame compruebe revise mantenga pulse mande envíe insista espere
    """.split()
)
_SPANISH_VOSOTROS = frozenset(
    """
    probad pedid poned desenchufad enchufad reiniciad llamad mirad comprobad revisad usad cambiad
    id entrad reclamad guardad activad desactivad apagad quitad buscad escribid instalad
    actualizad borrad dejad haced conectad desconectad solicitad mantened pulsad abrid mandad
    enviad insistid esperad
    """.split()
)
# Negative imperatives (the tú and vosotros forms of the present subjunctive): those of the verbs
# above that end in -a or -e are derived (:func:`_negatives`); these are the irregular ones and
# some verbs that are seldom told to do, only not to ("no toques", "no firmes", "no te fíes").
_SPANISH_NEGATED = frozenset(
    """
    hagas pongas digas vayas des tengas mantengas salgas toques pagues firmes aceptes contrates
    compres devuelvas canceles tires fíes preocupes molestes hagáis pongáis digáis vayáis
    toquéis paguéis firméis aceptéis contratéis compréis fiéis preocupéis molestéis
    """.split()
)
# Object pronouns a Spanish imperative takes at its end ("pídelo", "mándaselo", "ponedlo").
_CLITICS = re.compile(r"(?:me|te|se|nos)?(?:lo|la|los|las|le|les|me|te|se|nos)$")
# Spanish imperatives with pronouns whose bare verb is too short to find under them.
_SHORT_WITH_CLITICS = frozenset("dile diles díselo dísela dímelo dales dale".split())


def _plain(word: str) -> str:
    """The word lower-cased, its accents (not its ñ) removed."""
    return word.lower().translate(str.maketrans("áéíóúü", "aeiouu"))


def _negatives(verbs: frozenset[str]) -> frozenset[str]:
    """The negative imperatives of the tú imperatives ending in -a or -e ("quita": "no quites",
    "no quitéis"; "pide": "no pidas", "no pidáis"), with the spelling of c, g and z before e."""
    out = set()
    for verb in verbs:
        if len(verb) < 3 or verb[-1] not in "ae":
            continue
        stem = verb[:-1]
        if verb[-1] == "a":
            stem = stem[:-1] + {"c": "qu", "g": "gu", "z": "c"}.get(stem[-1], stem[-1])
            out |= {stem + "es", stem + "eis"}
        else:
            out |= {stem + "as", stem + "ais"}
    return frozenset(out)


_SPANISH = frozenset(map(_plain, _SPANISH_TU | _SPANISH_USTED | _SPANISH_VOSOTROS))
_INSTRUCTION_VERBS = _ENGLISH_VERBS | _SPANISH
_ENGLISH_NOT = _ENGLISH_VERBS | _ENGLISH_NEGATED
_SPANISH_NOT = _negatives(frozenset(map(_plain, _SPANISH_TU))) | frozenset(
    map(_plain, _SPANISH_NEGATED)
)
_SHORT = frozenset(map(_plain, _SHORT_WITH_CLITICS))
# What follows a clause's first word when that word is a noun ("screenshot of my bill", "report
# says ..."); after "keep", an -ing form tells of a fault that goes on ("keep getting cut off").
_NOUN_AFTER = re.compile(r"\s+(?:of|is|was|says|said)\b", re.IGNORECASE)
_GOES_ON = re.compile(r"\s+\w+ing\b", re.IGNORECASE)
# A negation that opens a clause, the pronouns after it and the verb it negates.
_NEGATION = re.compile(
    r"(don['’]?t|do not|never|no)\s+(?:(?:me|te|se|lo|la|los|las|le|les|os|nos)\s+){0,2}(\w+)",
    re.IGNORECASE,
)


def _instruction(word: str, rest: str) -> bool:
    """A clause that starts with ``word``, followed by ``rest``, is an instruction."""
    plain = _plain(word)
    if plain in _INSTRUCTION_VERBS:
        return not _NOUN_AFTER.match(rest) and not (plain == "keep" and _GOES_ON.match(rest))
    if plain in ("don", "do", "never", "no"):
        negation = _NEGATION.match(word + rest)
        if negation is None:
            return False
        verbs = _SPANISH_NOT if negation.group(1).lower() == "no" else _ENGLISH_NOT
        return _plain(negation.group(2)) in verbs
    if plain in _SHORT:
        return True
    clitics = _CLITICS.search(plain)
    return bool(clitics) and len(base := plain[: clitics.start()]) >= 3 and base in _SPANISH


def _instructs(pattern: re.Pattern[str], text: str) -> bool:
    """A clause (or line) that ``pattern`` finds the first word of is an instruction."""
    return any(_instruction(m.group(1), text[m.end(1) :]) for m in pattern.finditer(text))


_CLAUSE_START = re.compile(
    r"(?:^|[.!?;:\n]|,|\b(?:and|then|y|luego)\b)\s*[\"'¡(]*(\w+)", re.IGNORECASE
)
# A tip marker, a fix that worked, or one's own setup offered as the way to do it; an answer
# to a yes-or-no question from what the writer knows ("not that I know of", "que yo sepa") or
# was told when they asked the same ("I asked the same and ...", "pregunté lo mismo ..."); a
# way round that works ("the box hasn't got it, but a filtering DNS works fine", "... va bien,
# though"); what the company did for the writer in the same case ("they took mine off after I
# complained", "a mí me la aceptaron, pero tardó una semana").
_TIP = re.compile(
    r"\bojo\b|\bheads up\b|\bwatch out\b|\bpro tip\b|\btip:|\btruco\b|\bconsejo\b|"
    r"worked for me|fixed it|did the trick|\b(?:once|after|since) i did (?:that|this|it)\b|"
    r"\bnot that i know of\b|\bas far as i know\b|\bafaik\b|\bque yo sepa\b|"
    r"\bi asked (?:them )?the same\b|\bpregunt[ée] lo mismo\b|"
    r"\b(?:but|pero)\b[^.!?\n]*\b(?:works?|va|funciona)\s+(?:fine|well|great|bien|genial)\b|"
    r"\b(?:works?|va|funciona)\s+(?:fine|well|great|bien|genial)\b[^.!?\n]*\b(?:though|tho)\b|"
    r"\bthe fix (?:is|was)\b|\bin my case\b|\bmine (?:stopped|works|worked|runs)\b|"
    r"\bi (?:run|set up|have) mine\b|me funcion[óo]|se me arregl[óo]|me lo arregl[óo]|"
    r"lo solucion[ée]|\bla soluci[óo]n (?:es|fue)\b|\ben mi caso\b|\bel m[íi]o (?:va|funciona)\b|"
    r"\bthey (?:took|refunded|waived|accepted|removed|credited|cancell?ed|reversed) (?:mine|my)\b|"
    r"\ba m[íi] me (?:lo|la|los|las) (?:aceptaron|devolvieron|quitaron|anularon|abonaron)\b",
    re.IGNORECASE,
)
# A menu path: "Settings > Wi-Fi", "Ajustes > Roaming".
_MENU_PATH = re.compile(r"\w\s*>\s*\w")


# A question written without its question mark: a clause that opens with a question word and
# a subject ("how do I move ...", "can you ...", "cómo puedo ...").
_UNMARKED_QUESTION = re.compile(
    r"(?:^|[.!;:\n,]|\b(?:and|then|but|so|y|luego|pero)\b)\s*(?:any\s+(?:\w+\s+){1,2}(?:i|we)\s+"
    r"(?:should|can|could|need|have)|(?:(?:how|where|what|when|why|which)(?:\s+(?:do|does|did|can|could|"
    r"should|would|will|is|are))?|can|could|do|does|should|is|are)\s+(?:i|we|you|u|they|it|there)"
    r"|(?:c[óo]mo|d[óo]nde|qu[ée]|cu[áa]ndo|cu[áa]l|por qu[ée])\s+(?:puedo|podemos|hago|hay|tengo|"
    r"se))\b",
    re.IGNORECASE,
)


def advice_cue(text: str) -> bool:
    """The text gives advice (an instruction, a tip or a fix that worked, a way round that
    works, what the writer knows or was told about the matter asked, a menu path) and asks
    nothing: a text with a question, marked or not, asks its own, whatever else it says."""
    if "?" in text or "¿" in text or _UNMARKED_QUESTION.search(text):
        return False
    if _TIP.search(text) or _MENU_PATH.search(text):
        return True
    return _instructs(_CLAUSE_START, text)


# The first word of a line (a title, a body) or of what follows a colon in it.
_LINE_START = re.compile(r"(?:^|\n|:)\s*[\"'¡(]*(\w+)")


# A line that opens with a tip's label: "Tip: ...", "PSA: ...", "Truco: ...", "Consejo: ...".
_TIP_LABEL = re.compile(
    r"(?:^|\n)\s*[\"'¡(]*(?:pro tip|quick tip|tip|psa|truco|consejo|nota)\b", re.IGNORECASE
)


def leads_with_advice(text: str) -> bool:
    """The text gives advice and leads with it: a line, or what follows a colon in it, starts
    with an instruction, as a tip or a guide does ("TV box: hold OK for five seconds ..."), or a
    line opens with a tip's label ("Truco: si la app ..., cerrad sesión"); a story of the
    writer's own trouble that ends in advice does not lead with it."""
    return advice_cue(text) and (bool(_TIP_LABEL.search(text)) or _instructs(_LINE_START, text))


# A question: from an opening "¿" to its "?", or a sentence that ends with "?".
_QUESTION = re.compile(r"¿[^?]*\?|[^.!?¿\n]*\?")
# The first person singular: English pronouns, Spanish pronouns and the verbs of asking for
# oneself ("puedo", "tengo", ...), whose subject Spanish leaves out.
_FIRST_PERSON = re.compile(
    r"\b(?:i|me|my|mine|myself|yo|mi|mis|m[íi]o|m[íi]a|conmigo|puedo|tengo|necesito|debo|"
    r"quiero)\b",
    re.IGNORECASE,
)


def asks_for_self(text: str) -> bool:
    """The text asks a question in the first person: the writer's own situation."""
    return any(_FIRST_PERSON.search(q) for q in _QUESTION.findall(text))


# A question mark closing the text, emoji and other symbols after it aside.
_ENDS_ASKING = re.compile(r"\?[\W_]*$")


# The last sentence of a text that ends without a stop, a question mark or an exclamation mark.
_LAST_UNSTOPPED = re.compile(r"(?:^|[.!?\n])([^.!?\n]*\w[^\w.!?\n]*)$")


def ends_asking(text: str) -> bool:
    """The text ends with a question, or with a question written without its mark ("... Any
    settings I should change", "cómo puedo llevarme la fibra"): whatever it told first, it asks
    (no answer in the seed set ends so; one that asks "did that work for you?" asks it after the
    advice, not in its place)."""
    text = text.strip()
    last = _LAST_UNSTOPPED.search(text)
    return bool(_ENDS_ASKING.search(text)) or bool(
        last and _UNMARKED_QUESTION.match(last.group(1).strip())
    )


# Words that put a question to the other readers rather than to the brand.
_TO_OTHERS = re.compile(
    r"\b(?:any ?(?:one|body)|some ?(?:one|body)|any of you|you guys|alguien|alguno de vosotros|"
    r"alguna de vosotras|sab[ée]is|vosotros|vosotras)\b",
    re.IGNORECASE,
)
# "anyone from Vela", "alguien de atención al cliente", "anybody at support": the brand's people,
# not the other readers ("alguien de vosotros", "anyone here", "alguien del foro" are readers).
_BRANDS_PEOPLE = re.compile(
    r"\b(?:any ?(?:one|body)|some ?(?:one|body)|alguien)\s+(?:from|at|in|de|del|en)\b"
    r"(?!\s+(?:vosotr|aqu[ií]|here|you|this|these|el foro|este|esta|the (?:sub|forum|group|thread)|"
    r"foro|grupo|hilo))",
    re.IGNORECASE,
)
# A how-to: something the brand can answer whoever is asked.
_HOW = re.compile(r"\b(?:how|c[óo]mo)\b", re.IGNORECASE)
# "anyone else?", "¿alguien más?", "is it just me?": the writer has it too.
_ME_TOO = re.compile(
    r"\b(?:else|m[áa]s|just me|only me|s[óo]lo yo|s[óo]lo a m[íi]|solo me pasa)\b", re.IGNORECASE
)


def asks_others(text: str) -> bool:
    """The text puts its questions to the other readers ("does anyone know if the shop opens on
    Sundays?", "¿sabéis si ...?") about nothing of the writer's own (no question in the first
    person, none asking whether others have it too: "¿alguien más?", "anyone else?") and asks
    no how-to: chatter among users, which the brand owes no reply. A question to "anyone from"
    the company ("¿alguien de ... lee el foro?") asks the brand, not the readers."""
    questions = _QUESTION.findall(text)
    if not questions or asks_for_self(text) or any(_ME_TOO.search(q) for q in questions):
        return False
    to_others = any(_TO_OTHERS.search(q) and not _BRANDS_PEOPLE.search(q) for q in questions)
    return to_others and not any(_HOW.search(q) for q in questions)


# A question about what happened to the person asked: English "did you ...", "were you ...",
# "have you ...", "did yours ...", "did they charge you ..."; Spanish tú and vosotros past forms,
# whose subject Spanish leaves out ("¿tuviste que llamar?", "¿habéis probado ...?"), and "te"/"os"
# with a past verb ("¿te devolvieron ...?", "¿os llegó ...?"). "Do you have ...?", "¿tenéis ...?"
# ask the brand what it offers and are not such questions.
_ASKS_YOUR_CASE = re.compile(
    r"\b(?:did|were|have|had)\s+you\b|\b(?:did|was|has)\s+yours\b|\bdid\s+(?:they|it)\s+\w+\s+you\b"
    r"|\b\w+(?:aste|iste|asteis|isteis)\b|\b(?:has|hab[ée]is)\s+\w+(?:ado|ido)\b"
    r"|\b(?:te|os)\s+(?:\w+\s+)?\w+(?:aron|ieron|ó|ió)\b",
    re.IGNORECASE,
)


def asks_peer(text: str) -> bool:
    """The text only asks the person it replies to about their own case ("did you have to
    activate the pass before leaving?", "¿tuviste que llamar o se hizo solo?"): a question about
    what happened to them, nothing in the first person anywhere, no "anyone else?", and no "@" (a
    post that names someone, the brand say, asks them). Said in a reply to another customer, it
    is chatter between customers, which the brand owes no reply."""
    questions = _QUESTION.findall(text)
    return (
        bool(questions)
        and "@" not in text
        and any(_ASKS_YOUR_CASE.search(q) for q in questions)
        and not _FIRST_PERSON.search(text)
        and not any(_ME_TOO.search(q) for q in questions)
    )


def _who(author: str | None) -> str:
    return (author or "").casefold()


def peer_replies(
    session: Session, items: list[Mention], follow_ups: set[int] | None = None
) -> set[int]:
    """``id()`` of the customer mentions among ``items`` that reply to another customer's post
    in a thread someone else opened (the module docstring says how); the other items are
    looked at as parents and openers. ``follow_ups``, when given, receives the ``id()`` of the
    replies whose author opened the thread, unless the thread opens with a video: its maker
    answering a viewer's comment replies as any other reader would, not about a matter of their
    own."""
    replies = [i for i in items if i.parent_id and not i.by_brand and i.content_type == "mention"]
    if not replies:
        return set()
    # (platform, source_id) -> (author, by_brand); (platform, thread_id) -> (created, author,
    # the opener is a video)
    posts: dict[tuple[str, str], tuple[str, bool]] = {}
    openers: dict[tuple[str, str], tuple[Any, str, bool]] = {}

    def seen(platform: str, post: Any) -> None:
        posts[platform, post.source_id] = (_who(post.author), bool(post.by_brand))
        if post.thread_id and not post.parent_id:
            key, created = (platform, post.thread_id), as_utc(post.created_at)
            if key not in openers or created < openers[key][0]:
                openers[key] = (created, _who(post.author), is_video(post))

    for item in items:
        seen(item.platform, item)
    for platform in {i.platform for i in replies}:
        wanted = [i for i in replies if i.platform == platform]
        parents = {i.parent_id for i in wanted if (platform, i.parent_id) not in posts}
        threads = {i.thread_id for i in wanted if i.thread_id}
        columns = (MentionRow.source_id, MentionRow.thread_id, MentionRow.parent_id,
                   MentionRow.author, MentionRow.by_brand, MentionRow.created_at,
                   MentionRow.platform, MentionRow.kind, MentionRow.title)  # fmt: skip
        for row in session.execute(
            select(*columns).where(
                MentionRow.platform == platform,
                or_(
                    MentionRow.source_id.in_(parents),
                    and_(MentionRow.thread_id.in_(threads), MentionRow.parent_id.is_(None)),
                ),
            )
        ):
            seen(platform, row)
    out = set()
    for item in replies:
        parent = posts.get((item.platform, item.parent_id))  # type: ignore[arg-type]
        if parent is None or parent[1] or parent[0] == _who(item.author):
            continue
        opener = openers.get((item.platform, item.thread_id)) if item.thread_id else None
        if opener is not None and opener[1] == _who(item.author) and not opener[2]:
            if follow_ups is not None:
                follow_ups.add(id(item))
            continue
        out.add(id(item))
    return out


def is_video(post: Any) -> bool:
    """A video (an item or a stored row): its kind says so, or it is a YouTube thread's first
    post with a title (an imported video; a top-level comment has no title)."""
    if post.kind == "video":
        return True
    return post.platform == "youtube" and post.parent_id is None and bool(post.title)


def parent_roles(
    session: Session, items: list[Mention], peers: set[int], roles: dict[tuple[str, str], Any]
) -> dict[int, str]:
    """``id()`` -> the role of the parent, for the peer replies among ``items`` (``peers``, from
    :func:`peer_replies`) whose parent is a customer's post with a role, not a video. ``roles``:
    (platform, source_id) -> role of the batch's posts; parents outside it are read from the
    store."""
    wanted = [i for i in items if id(i) in peers]
    known: dict[tuple[str, str], str | None] = {}
    for post in items:
        key = (post.platform, post.source_id)
        known[key] = None if post.by_brand or is_video(post) else roles.get(key)
    for platform in {i.platform for i in wanted}:
        missing = {i.parent_id for i in wanted if i.platform == platform} - {
            k[1] for k in known if k[0] == platform
        }
        if not missing:
            continue
        columns = (MentionRow.source_id, MentionRow.role, MentionRow.by_brand, MentionRow.kind,
                   MentionRow.platform, MentionRow.parent_id, MentionRow.title)  # fmt: skip
        for row in session.execute(
            select(*columns).where(
                MentionRow.platform == platform, MentionRow.source_id.in_(missing)
            )
        ):
            known[platform, row.source_id] = None if row.by_brand or is_video(row) else row.role
    out = {}
    for item in wanted:
        role = known.get((item.platform, item.parent_id))  # type: ignore[arg-type]
        if role is not None:
            out[id(item)] = role
    return out


def replies_to_chatter(
    session: Session, items: list[Mention], peers: set[int], roles: dict[tuple[str, str], Any]
) -> set[int]:
    """``id()`` of the peer replies among ``items`` whose parent is a customer's post read as
    chatter (role "other"), a video aside (:func:`parent_roles`): an answer to a poll among
    users ("¿cuánto os ha venido la luz?" - "87€, piso de 70 m2"), a reaction to news someone
    shared, a joke about a joke."""
    return {k for k, role in parent_roles(session, items, peers, roles).items() if role == "other"}


# A reply that opens by saying the writer has the same: "same here", "same for me", "me too",
# "+1", "aquí igual", "a mí también", "lo mismo", after a "yes" or not ("yep same here"); "yo (en
# Sevilla) también", "mine (stopped) too".
_ME_TOO_OPENING = re.compile(
    r"^\W*(?:(?:yep|yes|yeah|yup|s[íi]|pues)\W+)?(?:same here|same for me|"
    r"same (?:thing|problem|issue|story)|exactly the same|me too|"
    r"\+1|x2|aqu[íi] igual|igual aqu[íi]|a m[íi] (?:tambi[ée]n|igual|lo mismo)|lo mismo|"
    r"me pasa (?:igual|lo mismo)|yo\b[^.!?,\n]{0,30}\btambi[ée]n|"
    r"(?:me|mine|ours)\b[^.!?,\n]{0,30}\b(?:too|as well))\b",
    re.IGNORECASE,
)


def me_too(text: str) -> bool:
    """The text opens by saying the writer has the same as the post it replies to."""
    return bool(_ME_TOO_OPENING.search(text))
