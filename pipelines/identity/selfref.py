"""Self-references: first-person text naming another account of the writer, in English and
Spanish, with or without accents, the platform named before or after the handle.

Each phrasing family is one pattern built from the same pieces: a written handle (``u/x``,
``@x``, a profile link or a quoted name), a bare name only right after a word that introduces
one ("as", "under", "como", "usuario", a colon...), a place (Reddit, YouTube, a forum) and a
first-person cue (I, my, mi, and Spanish verbs in the first person: "puse", "escribí",
"publiqué", "he puesto"), so "ask u/x", "pregúntale a u/x" or "lo puso en Reddit como u/x" name
nobody of the writer's. A match is dropped when it is negated ("I'm not ...") or followed by what
the named person did ("as u/x said", "u/x me respondió"); a bare word that is no chosen name
("as a guest", "como cliente") is not a handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.identity.common import PLATFORMS
from pipelines.identity.handles import _common_words, clean_handle, handle_key


def _handle(n: int) -> str:
    """A written handle: a profile link, u/x, @x or a quoted name (groups numbered ``n``)."""
    return (
        rf"(?:(?:https?://)?(?:www\.)?reddit\.com/u(?:ser)?/(?P<rurl{n}>[A-Za-z0-9_-]{{3,20}})"
        rf"|(?:https?://)?(?:www\.)?youtube\.com/(?:@|c/|user/)(?P<yurl{n}>[\w.-]{{3,30}})"
        rf"|/?\bu/(?P<u{n}>[A-Za-z0-9_-]{{3,20}})"
        rf"|@(?P<at{n}>[\w.-]{{3,30}})"
        rf"|[\"“«](?P<q{n}>[^\"”»\n]{{3,40}})[\"”»])"
    )


# a display name: two or three capitalised words ("Sophie Doyle", "Lucía de la Fuente"), the
# last may be an initial ("Priya R"; not "I")
_UP, _LOW = "A-ZÁÉÍÓÚÑÜ", "a-záéíóúñü'’-"
_DISPLAY = (
    rf"(?-i:[{_UP}][{_LOW}]+(?:\s(?:de\s|del\s|la\s)*[{_UP}][{_LOW}]+){{0,1}}"
    rf"\s(?:(?:de\s|del\s|la\s)*[{_UP}][{_LOW}]+|(?!I\b)[{_UP}]\b\.?))"
)


def _bare(n: int) -> str:
    """A name written bare: a display name, or one word (``sophie13``, ``katie.bellamy``)."""
    return rf"(?<![\w.-])(?P<bare{n}>{_DISPLAY}(?![\w.-])|\w[\w.-]{{2,29}})"


def _display(n: int) -> str:
    return rf"(?<![\w.-])(?P<bare{n}>{_DISPLAY})(?![\w.-])"


def _shaped(n: int) -> str:
    """A bare word shaped like a user name: letters with a digit, "_" or "." ("sophie13")."""
    return rf"(?<![\w.-])(?P<bare{n}>(?=[\w.-]*[\d_.])(?=[\w.-]*[^\W\d_])\w[\w.-]{{2,29}})(?![\w-])"


def _who(n: int) -> str:
    return r"(?:" + _handle(n) + "|" + _bare(n + 1) + ")"


def _paren(n: int) -> str:
    return r"\s*\(\s*" + _bare(n) + r"\s*\)"  # "(x)"


# words that introduce a bare name: "as x", "como x", "usuario x", "username: x"
_INTRO = (
    r"(?:as(?!\s+well\b)|under(?:\s+(?:the\s+|my\s+)?(?:user\s?name|handle|name))?|como|"
    r"with\s+(?:the\s+|my\s+)?(?:user\s?name|handle|name|account)|"
    r"con\s+(?:el\s+|mi\s+)?(?:usuario|nick|nombre(?:\s+de\s+usuario)?|cuenta)|"
    r"(?:user(?:\s?name)?|usuario|nick|handle|alias)(?:\s*[:=])?)"
)
_FORUM = r"(?:forums?|foros?|community|comunidad)"


def _place(name: str) -> str:
    return (
        rf"(?P<{name}>(?:(?:your|the|their|vuestro|vuestra|su|tu)\s+)?(?:reddit|youtube|yt)"
        rf"(?:\s+(?:video|vídeo|channel|canal|post|thread|hilo|comments?))?"
        rf"|r/[A-Za-z0-9_]{{2,21}}|(?:(?:the|el|la|del|al)\s+)?(?:[\w-]+\s+)?{_FORUM})"
    )


_AT = r"(?:over\s+)?(?:on|in|at|to|under|below|en|a|al|de|del|bajo|debajo\s+de)"
# "I posted", "I've also written", "Cross-posted", "ya lo puse", "también lo he publicado"
_I_POSTED = (
    r"(?:\b(?:i|i've|i\s+have|i\s+also|i've\s+also)\b[^.!?\n]{0,20}?"
    r"|(?:^|(?<=[.!?(]\s)|(?<=[.!?(])|\b(?:also|and\s+i|already|just)\s+))"
    r"\b(?:posted|post|wrote|asked|complained|commented|cross-?posted|shared|reported|"
    r"put|opened|started|uploaded|left|(?:have|got)\s+(?:a|an)\s+(?:thread|post|question|topic))\b"
    r"|\b(?:(?:he|había|habia)\s+(?:puesto|publicado|escrito|preguntado|comentado|subido|dejado|abierto|"
    r"contado|explicado|compartido|reportado|reclamado|posteado)"
    r"|puse|publiqu[eé]|escrib[ií]|pregunt[eé]|coment[eé]|sub[ií]|dej[eé]|abr[ií]|cont[eé]|"
    r"expliqu[eé]|report[eé]|reclam[eé]|quej[eé]|compart[ií]|mand[eé]|poste[eé]|"
    r"tengo\s+(?:un|una)\s+(?:hilo|post|tema|pregunta|publicaci[oó]n))\b"
)
_THERE = r"(?:over\s+)?(?:there|allí|alli|ahí|ahi|allá|alla)\b"
# between the place and the handle: "too", ", ", "(", "as", "usuario"
_GLUE = r"(?:[\s,:(-]|\btoo\b|\balso\b|\bas\s+well\b|también|tambien){0,8}?"
_MINE_WHAT = (
    r"(?P<what>reddit|youtube|yt|channel|canal|forum|foro|account|cuenta|username|"
    r"user\s?name|usuario|handle|profile|perfil|nick(?:name)?|alias|"
    r"nombre\s+de\s+usuario)"
)
_GO_BY = (
    r"(?:i\s+go\s+by|aparezco\s+como|salgo\s+como|me\s+llamo|me\s+hago\s+llamar|estoy\s+como|"
    r"me\s+conocen\s+como|people\s+know\s+me\s+as)"
)
_I_AM = (
    r"(?:i'm|i\s+am|i\s+go\s+by|soy|aparezco\s+como|salgo\s+como|me\s+llamo|"
    r"me\s+hago\s+llamar|estoy\s+como|me\s+conocen\s+como)"
)
_ALSO = r"(?:also|too|as\s+well|también|tambien)"
# after a place, a bare name needs a comma, a colon or "as" before it: "on reddit, x"
_THEN_WHO = r"\b(?:\s*[,:]\s*|\s+(?:as|under|como)\s+|\s+(?=[@\"“«]|/?u/))"

_SELF_PATTERNS = [
    # "my reddit username is u/x", "my channel: @x", "mi cuenta de reddit: u/x",
    # "en el foro mi usuario es x"
    (
        0.95,
        r"(?:\b(?:on|in|en|at)\s+" + _place("place2") + r"[^.!?\n]{0,40}?)?"
        r"\b(?:my|mi)\s+(?:(?:own|other|old|main|otra|otro|propio|propia)\s+)?" + _MINE_WHAT + r"\b"
        r"(?P<there>\s+" + _THERE + r")?"
        r"(?:\s+" + _AT + r"\s+" + _place("place") + r")?"
        r"(?:\s+(?:account|cuenta|channel|canal|name|username|usuario|handle|nick))?"
        r"\s*(?:(?:is|es|=|:|->|here|aquí)\s*" + _who(1) + r"|\(?\s*" + _handle(3)
        + r"|(?:was|era)\s+" + _handle(4) + ")",
    ),
    # "same as my forum post (x)", "see my reddit post (u/x)", "mi post del foro (x)"
    (
        0.93,
        r"\b(?:my|mi)\s+(?:(?P<place2>reddit|youtube|yt|forum|foro)\s+)?"
        r"(?:post|thread|question|comment|video|publicación|publicacion|hilo|mensaje|pregunta|"
        r"comentario|vídeo)s?\b(?:\s+" + _AT + r"\s+" + _place("place") + r")?"
        r"(?:\s*[,:(]?\s*" + _handle(1) + "|" + _paren(2)
        + r"|\s*[,:(]?\s*" + _INTRO + r"\s+" + _who(3) + ")",
    ),
    # "I posted this on Reddit too, u/x", "ya lo puse en Reddit como u/x",
    # "también lo publiqué en el foro, usuario x", "I posted on reddit (I'm x there)"
    (
        0.95,
        r"(?:" + _I_POSTED + r")[^.!?\n]{0,40}?\b" + _AT + r"\s+" + _place("place") + r"\b"
        + _GLUE + r"(?:(?:(?:i'm|i\s+am|soy)\s+)?" + _handle(1) + r"|(?<=[\s,(])" + _INTRO
        + r"\s+" + _who(2)
        + "|" + _paren(4)
        # "(I'm x there)", "(soy x allí)": a bare name pointed back at the place just named,
        # closing the clause ("I'm sure there is a fix" names nobody)
        + r"|(?<=[\s,(])(?:i'm|i\s+am|soy)\s+" + _bare(5) + r"\s+" + _THERE
        + r"(?=\s*(?:[)\]:;,.!?]|$))" + ")",
    ),
    # "I posted as u/x on reddit", "escribí como x en el foro"
    (
        0.95,
        r"(?:" + _I_POSTED + r")[^.!?\n]{0,30}?\b" + _INTRO + r"\s+" + _who(1)
        + r"\s+" + _AT + r"\s+" + _place("place") + r"\b",
    ),
    # "you can find me over on YT, x", "find me on reddit as x", "búscame en el foro como x":
    # a bare name needs a comma, a colon or "as" before it
    (
        0.93,
        r"(?:\b(?:find|follow|see|catch)\s+me\s+(?:over\s+|also\s+)?(?:on|in|at)"
        r"|\b(?:búscame|buscame|sígueme|sigueme|encuéntrame|encuentrame)(?:\s+en)?"
        r"|\bme\s+(?:encuentras|encontráis|encontrais|encontraréis|encontrareis|"
        r"(?:puedes|podéis|podeis|pueden)\s+encontrar)(?:\s+en)?)\s+"
        + _place("place")
        + _THEN_WHO
        + _who(1),
    ),
    # "(same person as u/x)", "this is my alt of @x", "la misma persona que u/x":
    # only a written handle (u/, @, a link or quotes), never a bare word
    (
        0.93,
        r"\b(?:(?:the\s+)?same\s+(?:person|guy|user|account)\s+as"
        r"|(?:this\s+is\s+)?my\s+(?:alt|other\s+account)\s+(?:of|from)"
        r"|(?:la\s+)?misma\s+persona\s+que|(?:el\s+)?mismo\s+usuario\s+que"
        r"|soy\s+(?:la\s+misma|el\s+mismo)(?:\s+persona|\s+usuario)?\s+que)"
        r"\s*" + _handle(1),
    ),
    # "soy la misma persona que escribió en el foro como x", "I'm the same person who posted on
    # reddit as u/x"
    (
        0.93,
        r"\b(?:i'm|i\s+am|soy)\s+(?:the\s+same\s+(?:person|guy|user)\s+(?:who|that)"
        r"|(?:la\s+misma|el\s+mismo)(?:\s+persona|\s+usuario)?\s+que)\s+\w+(?:\s+\w+)?\s+"
        + _AT + r"\s+" + _place("place") + r"\b" + _GLUE + r"(?<=[\s,(])" + _INTRO + r"\s+"
        + _who(1),
    ),
    # "u/x is also me", "@x en youtube soy yo"
    (
        0.93,
        _handle(1) + r"(?:\s+(?:on|in|en)\s+" + _place("place") + r")?"
        r"\s+(?:is\s+(?:also\s+)?(?:me|mine|my\s+(?:alt|other\s+account))"
        r"|(?:también\s+|tambien\s+)?soy\s+yo)\b",
    ),
    # "I'm x on reddit", "soy x en el foro", "I go by x on the forum"
    (0.93, r"\b" + _I_AM + r"\s+" + _who(1) + r"\s+" + _AT + r"\s+" + _place("place") + r"\b"),
    # "on reddit I'm u/x", "on youtube I am Sophie Doyle", "en el foro aparezco como x"
    (
        0.93,
        r"\b(?:over\s+)?(?:on|in|en|de|at)\s+" + _place("place") + r"[^.!?\n]{0,30}?[\s,]+"
        r"(?:(?:i'm|i\s+am|soy)\s+(?:" + _handle(1) + "|" + _display(5) + "|" + _shaped(6) + ")|"
        + _GO_BY + r"\s+" + _who(3) + ")",
    ),
    # "I'm also on reddit as u/x", "también estoy en el foro como x", "ando en YouTube: @x"
    (
        0.93,
        r"\b(?:i'm|i\s+am|estoy|ando)\s+(?:" + _ALSO + r"\s+)?(?:over\s+)?" + _AT + r"\s+"
        + _place("place") + r"(?:\s+" + _ALSO + r")?" + _THEN_WHO + _who(1),
    ),
    # "Same account on youtube, Sophie Doyle", "mismo usuario en el foro: x"
    (
        0.93,
        r"\b(?:(?:the\s+)?same\s+(?:account|user\s?name|name|handle|nick)"
        r"|(?:la\s+)?misma\s+cuenta|(?:el\s+)?mismo\s+(?:usuario|nombre|nick))\s+"
        + _AT + r"\s+" + _place("place") + _THEN_WHO + _who(1),
    ),
    # "(también @x en YouTube)", "(also u/x on reddit)", "(@x on youtube too)": a written handle
    (
        0.93,
        r"\(\s*" + _ALSO + r"\s+" + _handle(1) + r"\s+" + _AT + r"\s+" + _place("place")
        + r"\s*\)",
    ),
    (
        0.93,
        r"\(\s*" + _handle(1) + r"\s+" + _AT + r"\s+" + _place("place") + r"\s+" + _ALSO
        + r"\s*\)",
    ),
]  # fmt: skip
_SELF_PATTERNS_RE = [(c, re.compile(p, re.IGNORECASE)) for c, p in _SELF_PATTERNS]

# where the writer speaks for themself: the start of the post or a clause, or after a greeting
_CLAUSE = r"(?:^|(?<=[.!?,;:(\n])\s*|\b(?:hi|hello|hey|hola|buenas|ok|btw|fyi)[\s,]+)"
_NAMED = lambda n: r"(?:" + _handle(n) + "|" + _display(n + 1) + "|" + _shaped(n + 2) + ")"  # noqa: E731
_FROM = r"(?:over\s+)?(?:from|on|in|at|de|del|en|desde)"
# the self-introduction ends its clause: "..., still waiting", "... here again"
_ENDS = (
    r"(?=\s*(?:$|[,.;:!?)\]\-—–\u2600-\u27bf\U0001f300-\U0001faff]|(?:again|too|also|here|aquí|aqui|otra\s+vez|de\s+nuevo|"
    r"también|tambien|btw)\b))"
)
# patterns whose first person is the clause itself: dropped when the sentence before them names
# another person ("my brother, also on reddit as u/x")
_WRITER_PATTERNS = [
    # "this is kestrel_88 from reddit, still waiting", "aquí kestrel_88 de reddit, sigo
    # esperando", "I'm kestrel_88 from the forum, still the same"
    (
        0.93,
        r"(?:" + _CLAUSE + r"(?:this\s+is|it's|it\s+is|here's|aquí|aqui|les\s+escribe|"
        r"os\s+escribe)|\b(?:i'm|im|i\s+am|soy))\s+" + _NAMED(1) + r"\s+" + _FROM + r"\s+"
        + _place("place") + r"\b" + _ENDS,
    ),
    # "kestrel_88 on reddit here, same problem", "u/x de reddit por aquí"
    (
        0.93,
        _CLAUSE + _NAMED(1) + r"\s+" + _FROM + r"\s+" + _place("place")
        + r"\s+(?:here|aquí|aqui|por\s+aquí|por\s+aqui|al\s+habla)\b" + _ENDS,
    ),
    # "also on the forum under kestrel_88", "también en el foro como x"
    (
        0.93,
        _CLAUSE + r"(?:(?:and|y)\s+)?" + _ALSO + r"\s+" + _AT + r"\s+" + _place("place")
        + r"(?:\s+" + _ALSO + r")?[\s,]+(?<=[\s,])" + _INTRO + r"\s+" + _who(1),
    ),
    # "desde mi cuenta de reddit kestrel_88", "with my reddit account u/x": a name right after
    # the account of a named place
    (
        0.93,
        r"\b(?:my|mi)\s+(?:(?:own|other|old|main|otra|otro)\s+)?"
        r"(?:(?P<place2>reddit|youtube|yt|forum|foro)\s+(?:account|user\s?name|handle|profile|"
        r"channel)|(?:account|user\s?name|handle|profile|channel|cuenta|usuario|perfil|canal|nick)"
        r"\s+(?:de|del|en|on|in|at)\s+" + _place("place") + r")\b[\s,]+" + _NAMED(1),
    ),
    # "(kestrel_88 on the forum)", "(u/x en reddit)": kept by _stands_for_writer
    (
        0.9,
        r"\(\s*(?:(?:also|too|también|tambien|i'm|i\s+am|soy|me|yo)\s*:?\s+)?" + _NAMED(1)
        + r"\s+" + _FROM + r"\s+" + _place("place") + r"(?:\s+" + _ALSO + r")?\s*\)"
        r"(?=\s*(?:$|[,.;:!?\-—–]|(?:and|but|so|y|pero|and\s+i|still|sigo|too|también|tambien|"
        r"btw|thanks|gracias|i|i'm|yo)\b))",
    ),
]  # fmt: skip
_ENDS_RE = re.compile(_ENDS, re.IGNORECASE)
_WRITER_PATTERNS_RE = [(c, re.compile(p, re.IGNORECASE)) for c, p in _WRITER_PATTERNS]
# a person other than the writer ("my brother", "la de mi vecina", "the mod", "someone")
_PERSON = re.compile(
    r"\b(?:brother|sister|bro|sis|friend|mate|buddy|pal|wife|husband|partner|boyfriend|"
    r"girlfriend|mom|mum|mother|dad|father|son|daughter|kid|cousin|uncle|aunt|neighbou?r|"
    r"colleague|co-?worker|boss|room-?mate|flat-?mate|guy|girl|man|woman|lady|person|people|"
    r"user|someone|somebody|mod|moderator|admin|poster|op|she|they|him|her|them|his|"
    r"herman[oa]|amig[oa]|colega|compañer[oa]|companer[oa]|mujer|marido|espos[oa]|pareja|"
    r"novi[oa]|madre|padre|mam[aá]|pap[aá]|hij[oa]|prim[oa]|t[ií][oa]|vecin[oa]|jef[ea]|"
    r"chic[oa]|señora?|senora?|persona|gente|usuari[oa]|alguien|moderadora?|él|ella|ell[oa]s)"
    r"s?\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|yo|mi|mis|tengo|sigo|estoy|llevo|"
    r"quiero|necesito|soy|same\s+here|me\s+too)\b|" + _I_POSTED,
    re.IGNORECASE,
)
# a bracket after these words is what they take, not the writer: "ask (u/x)", "según (x)"
_TAKES_SOMEONE = {
    "to", "a", "al", "with", "con", "from", "de", "del", "by", "por", "for", "para", "the", "el",
    "la", "los", "las", "an", "un", "una", "ask", "asked", "thank", "thanks", "thanked", "tell",
    "told", "contact", "contacted", "message", "messaged", "dm", "ping", "pinged", "tag",
    "tagged", "follow", "followed", "gracias", "pregúntale", "preguntale", "dile", "escríbele",
    "escribele", "según", "segun", "like", "como", "than", "que", "as", "and", "y", "or", "o",
    "via", "cc", "about", "sobre", "of", "posted", "written", "shared", "made", "uploaded",
    "recommended", "suggested", "linked", "mentioned", "published", "publicado", "publicada",
    "escrito", "escrita", "compartido", "subido", "recomendado", "recomendada",
}  # fmt: skip
# what somebody else made, or "this"/"that" pointing at it: "I found the answer (u/x)", "I
# watched a video (x on youtube)", "it was this one (x)", "vi este vídeo (x en youtube)"
_THEIR_WORK = re.compile(
    r"\b(?:(?:this|that|these|those|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella)"
    r"(?:\s+\w+)?|answers?|fix(?:es)?|solutions?|videos?|channels?|posts?|threads?|comments?|"
    r"guides?|tutorials?|tips?|ones?|links?|articles?|repl(?:y|ies)|responses?|advice|reviews?|"
    r"vídeos?|canal(?:es)?|respuestas?|soluci[oó]n(?:es)?|hilos?|comentarios?|gu[ií]as?|"
    r"enlaces?|consejos?|art[ií]culos?|truco?s?)\s*$",
    re.IGNORECASE,
)


def _stands_for_writer(text: str, m: re.Match[str]) -> bool:
    """A writer pattern holds unless its sentence names another person first; a bracketed
    name stands for the writer at the start of the post or after a first-person clause that
    ends in no word taking someone ("I asked (u/x)", "my brother (u/x on reddit)")."""
    before = re.split(r"[.!?\n]", text[: m.start()])[-1]
    if _PERSON.search(before):
        return False
    if not m.group(0).startswith("("):
        return True
    if not text[: m.start()].strip():
        return True
    words = re.findall(r"[\w'’]+", before.casefold())
    if not words or words[-1] in _TAKES_SOMEONE or _THEIR_WORK.search(before):
        return False
    return bool(_FIRST_PERSON.search(before))


_WHO_GROUPS = {
    f"{kind}{n}" for kind in ("rurl", "yurl", "u", "at", "q", "bare") for n in range(1, 7)
}
# an account, a profile or a channel "is" a state as often as a name: a plain lower-case word
# after them is taken for the state ("my account is locked", "mi perfil es privado")
_STATE_OF = {"account", "cuenta", "profile", "perfil", "channel", "canal"}
_PLAIN_WORD = re.compile(r"[a-záéíóúñü]+")
_NOT_A_NAME = {
    "not", "no", "very", "so", "really", "just", "still", "quite", "super", "too", "also",
    "muy", "tan", "nada", "sin", "ya", "aún", "aun", "todavía", "todavia", "and", "but", "y",
    "pero", "the", "happy", "angry", "feliz", "harto", "harta", "done",
}  # fmt: skip
_NOT_IN = re.compile(r"\b(?:not|never|nunca|jam[aá]s)\b|n't\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|no|never|n't|nunca|ni)\b[\w\s]{0,10}$|n't\s+$", re.IGNORECASE)
# what the named person did, right after the handle: "as u/x said", "u/x me respondió"
_THEY_DID = re.compile(
    r"^\s*(?:(?:also|ya|también|tambien|already)\s+)?(?:(?:me|te|le|lo|la|nos|les|se)\s+)?"
    r"(?:said|says|wrote|writes|posted|answered|answers|replied|explained|mentioned|"
    r"suggested|recommended|told|tells|helped|did|does|fixed|pointed|"
    r"dijo|dice|escribió|escribio|publicó|publico|respondió|respondio|contestó|contesto|"
    r"explicó|explico|comentó|comento|sugirió|sugirio|recomendó|recomendo|ayudó|ayudo|"
    r"ha\s+\w+|\w+ó)\b",
    re.IGNORECASE,
)
_NOT_A_HANDLE = {
    "the", "this", "that", "here", "there", "too", "also", "and", "same", "it", "is", "well",
    "over", "post", "posts", "thread", "question", "comment", "video", "suggested", "said",
    "usual", "always", "before", "requested", "told", "instructed", "recommended", "mentioned",
    "great", "new", "old", "down", "broken", "dead", "fine", "gone", "private", "public",
    "deleted", "banned", "empty", "anonymous", "guest", "pregunta", "respuesta", "hilo",
    "mensaje", "comentario", "siempre", "antes", "dije", "nuevo", "nueva", "viejo", "roto",
    "privado", "privada", "borrado", "invitado", "invitada", "anonimo", "anónimo", "tal",
    "esto", "eso", "aquí", "aqui", "allí", "alli", "también", "tambien", "igual", "mismo",
    "misma", "siguiente", "follows", "such", "ever", "un", "una", "el", "la", "los", "las",
    "dijo", "dice", "dicen", "dijeron", "indicó", "says", "explained", "you", "usted", "ustedes",
    "still", "active", "stuck", "everyone", "everybody", "todos", "todo", "nadie", "alguien",
    "cliente", "client", "otros", "otro", "otra", "normal", "but", "pero", "y", "que",
    "where", "donde", "every", "since", "desde", "today", "hoy", "yesterday", "ayer",
    "not", "never", "nunca", "only", "rarely", "mostly", "known", "blocked", "locked",
}  # fmt: skip


def _platform_of(match: re.Match[str], own: str) -> str | None:
    groups = match.groupdict()
    kinds = {g.rstrip("0123456789") for g, v in groups.items() if v}
    if kinds & {"rurl", "u"}:
        return "reddit"
    if "yurl" in kinds:
        return "youtube"
    words = " ".join(
        filter(None, (groups.get("place"), groups.get("place2"), groups.get("what")))
    ).lower()
    if "reddit" in words or re.search(r"\br/", words):
        return "reddit"
    if "youtube" in words or "yt" in words.split() or "channel" in words or "canal" in words:
        return "youtube"
    if any(w in words for w in ("forum", "foro", "community", "comunidad")):
        return "forum"
    return own if own in PLATFORMS else None


@dataclass(frozen=True)
class SelfReference:
    platform: str
    handle: str
    confidence: float


def _names_someone_else(text: str, match: re.Match[str], group: str) -> bool:
    end = match.end(group)
    if _NEGATED.search(text[max(0, match.start() - 16) : match.start()]):
        return True  # "I'm not the same person as u/bob"
    if _NOT_IN.search(text[match.start() : match.start(group)]):
        return True  # "I'm not the one who posted on reddit as u/bob"
    if re.match(r"['’]s\b", text[end : end + 3]):
        return True  # "under u/bob's post"
    return bool(_THEY_DID.match(text[end : end + 40]))  # "as u/bob said"


def self_references(text: str, own_platform: str) -> list[SelfReference]:
    """Accounts the writer says are theirs. Only first-person statements count: "thanks u/bob",
    "I asked u/bob" or "pregúntale a u/bob" name someone else."""
    found: dict[tuple[str, str], SelfReference] = {}
    text = text or ""
    from pipelines.identity.selfref_families import FAMILIES_RE

    patterns = [(c, p, False) for c, p in [*_SELF_PATTERNS_RE, *FAMILIES_RE]]
    patterns += [(c, p, True) for c, p in _WRITER_PATTERNS_RE]
    for confidence, pattern, writer in patterns:
        for m in pattern.finditer(text):
            group = next((g for g, v in m.groupdict().items() if v and g in _WHO_GROUPS), None)
            if group is None or _names_someone_else(text, m, group):
                continue
            if writer and not _stands_for_writer(text, m):
                continue
            lead = text[m.start() : m.start(group)]
            if re.search(r"\buser\s*$", lead, re.I) and not _ENDS_RE.match(text, m.end(group)):
                continue  # "user experience is bad", "user x has the same": not the writer
            handle = clean_handle(m.group(group)).rstrip(".-")
            if handle.casefold() in _NOT_A_HANDLE or len(handle_key(handle)) < 3:
                continue
            if group.startswith("bare") and handle.casefold() in _common_words():
                continue  # "as a guest", "soy nuevo": a word, not a name someone chose
            what = (m.groupdict().get("what") or "").casefold()
            if group.startswith("bare") and what in _STATE_OF and _PLAIN_WORD.fullmatch(handle):
                continue  # "my account is locked": what the account is, not its name
            if _NOT_A_NAME & set(handle.casefold().split()) and " " in handle:
                continue  # "I am Not Happy": capitalised words, not a display name
            if m.groupdict().get("there") and not (m.group("place") or m.group("place2")):
                continue  # "my username there": a place the sentence does not name
            platform = _platform_of(m, own_platform)
            if platform is None:
                continue
            key = (platform, handle_key(handle))
            if key not in found:
                found[key] = SelfReference(platform, handle, confidence)
    return list(found.values())


# "I posted this on Reddit too", "lo comenté también en YouTube", "same as my forum post": the
# writer says the matter is on another channel, with or without naming the account there
_ELSEWHERE_RE = [
    re.compile(r"(?:" + _I_POSTED + r")[^.!?\n]{0,40}?\b" + _AT + r"\s+" + _place("place") + r"\b",
               re.IGNORECASE),
    re.compile(r"\b(?:my|mi)\s+(?P<place2>reddit|youtube|yt|forum|foro)\s+(?:post|thread|question|"
               r"comment|video|vídeo|hilo|mensaje|pregunta|comentario)s?\b", re.IGNORECASE),
    re.compile(r"\b(?:my|mi)\s+(?:post|thread|question|comment|publicación|publicacion|hilo|"
               r"mensaje|pregunta|comentario)s?\s+" + _AT + r"\s+" + _place("place") + r"\b",
               re.IGNORECASE),
    # what the writer was told there: "as you told me on YouTube", "me dijeron en el foro"
    re.compile(r"(?:\b(?:you|they|support|the\s+team)\s+(?:told|said\s+to|advised|answered|"
               r"replied\s+to)\s+me|\b(?:me|nos)\s+(?:dijeron|dijisteis|dijo|dijiste|"
               r"contestaron|contestasteis|contestó|contesto|respondieron|respondisteis|"
               r"respondió|respondio|indicaron|indicasteis|explicaron|explicasteis|"
               r"recomendaron|recomendasteis|aconsejaron|aconsejasteis))\b[^.!?\n]{0,20}?\b"
               + _AT + r"\s+" + _place("place") + r"\b", re.IGNORECASE),
]  # fmt: skip


_NOT_DONE = re.compile(r"\b(?:not|no|never|nunca|ni|can'?t|cannot)\b|n't\b", re.IGNORECASE)


def places_named(text: str, own_platform: str) -> set[str]:
    """The other platforms the writer says they wrote on about this ("I posted this on Reddit
    too", "lo comenté también en YouTube como x", "see my forum thread") or were answered on
    ("as you told me on YouTube", "tal como me dijeron en el foro"); not negated ("I never
    posted on reddit", "no me dijeron nada en YouTube"), never the post's own platform."""
    found: set[str] = set()
    text = text or ""
    for pattern in _ELSEWHERE_RE:
        for m in pattern.finditer(text):
            end = m.start("place") if m.groupdict().get("place") else m.end()
            said = re.split(r"[.!?\n]", text[max(0, m.start() - 16) : m.start()])[-1]
            if _NOT_DONE.search(said + text[m.start() : end]):  # its own sentence only
                continue
            platform = _platform_of(m, "")
            if platform and platform != own_platform:
                found.add(platform)
    return found
