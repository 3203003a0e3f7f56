"""Self-references in English and Spanish: each phrasing family, with and without accents, the
platform before or after the handle; and the decoys that name somebody else."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.chain import Chain
from pipelines.identity import find_persona, places_named, self_references
from pipelines.models.db import Database
from tests.helpers import mention

FAMILIES = {
    # I posted it there too, as x
    "posted-too": [
        ("Cross-posted to reddit as u/maria_q", "forum", "reddit", "maria_q"),
        ("Also posted this on reddit (u/maria_q).", "forum", "reddit", "maria_q"),
        ("I posted as u/maria_q on reddit last week", "forum", "reddit", "maria_q"),
        ("Ya lo puse en Reddit como u/maria_q", "forum", "reddit", "maria_q"),
        ("Sigo esperando. Ya lo puse en Reddit como u/maria_q y nadie responde", "forum",
         "reddit", "maria_q"),
        ("lo puse en reddit como maria_q", "forum", "reddit", "maria_q"),
        ("Lo he puesto en el foro como lucia.fernandez", "reddit", "forum", "lucia.fernandez"),
        ("también lo publiqué en el foro, usuario lucia.fernandez", "reddit", "forum",
         "lucia.fernandez"),
        ("tambien lo publique en el foro, usuario lucia.fernandez", "reddit", "forum",
         "lucia.fernandez"),
        ("escribí en el foro como lucia.fernandez", "reddit", "forum", "lucia.fernandez"),
        ("I already asked under your YouTube video as Rob Tanner", "forum", "youtube",
         "Rob Tanner"),
        ("Lo pregunté debajo de vuestro vídeo de YouTube como Rob Tanner", "reddit", "youtube",
         "Rob Tanner"),
        ("escribi en el foro como lucia.fernandez.", "reddit", "forum", "lucia.fernandez"),
        ("lo comenté en youtube como @lucia_f", "reddit", "youtube", "lucia_f"),
        ("publiqué como u/maria_q en Reddit", "forum", "reddit", "maria_q"),
        ("escribí como lucia.fernandez en el foro", "reddit", "forum", "lucia.fernandez"),
        ("lo subí a reddit (u/maria_q)", "forum", "reddit", "maria_q"),
        ("abrí un hilo en el foro como lucia.fernandez", "reddit", "forum", "lucia.fernandez"),
        ("pregunté lo mismo en el foro con el usuario lucia.fernandez", "reddit", "forum",
         "lucia.fernandez"),
        ("ya lo había puesto en reddit como u/maria_q", "forum", "reddit", "maria_q"),
        ("Same issue I posted on reddit (I'm kettlepriya there): still held", "forum", "reddit",
         "kettlepriya"),
        ("Lo puse en el foro (soy lucia.fernandez allí).", "reddit", "forum", "lucia.fernandez"),
    ],
    # my account there is x
    "my-account": [
        ("my username over on reddit is maria_q", "forum", "reddit", "maria_q"),
        ("mi nick en el foro es lucia.fernandez", "reddit", "forum", "lucia.fernandez"),
        ("en el foro mi usuario es lucia.fernandez", "reddit", "forum", "lucia.fernandez"),
        ("I also asked in the community forum, my username there is kettle_fan", "reddit",
         "forum", "kettle_fan"),
    ],
    # I am x there
    "i-am": [
        ("on reddit I'm u/maria_q", "forum", "reddit", "maria_q"),
        ("over on the forum I go by kettle_fan", "reddit", "forum", "kettle_fan"),
        ("I go by kettle_fan on the forum", "reddit", "forum", "kettle_fan"),
        ("en reddit soy u/maria_q", "forum", "reddit", "maria_q"),
        ("en el foro aparezco como lucia.fernandez", "reddit", "forum", "lucia.fernandez"),
        ("Lo comenté también en el vídeo de YouTube, soy @lucia_f", "reddit", "youtube",
         "lucia_f"),
        ("Soy la misma que u/maria_q en Reddit", "forum", "reddit", "maria_q"),
    ],
    # same as my post there (x)
    "my-post": [
        ("same as my forum post (kettle_fan)", "reddit", "forum", "kettle_fan"),
        ("see my reddit post (u/maria_q) for the details", "forum", "reddit", "maria_q"),
        ("same as my post on reddit, u/maria_q", "forum", "reddit", "maria_q"),
        ("igual que mi post del foro (lucia.fernandez)", "reddit", "forum", "lucia.fernandez"),
        ("lo mismo que en mi hilo de reddit (u/maria_q)", "forum", "reddit", "maria_q"),
    ],
    # I am there too, as x
    "also-there": [
        ("I'm also on reddit as u/corvid_tea", "forum", "reddit", "corvid_tea"),
        ("I am on the forum too, corvid.tea", "youtube", "forum", "corvid.tea"),
        ("también estoy en el foro como corvid.tea", "youtube", "forum", "corvid.tea"),
        ("estoy en reddit como u/corvid_tea, ahí lo expliqué", "youtube", "reddit", "corvid_tea"),
        ("ando en YouTube: @corvid_tea", "reddit", "youtube", "corvid_tea"),
        ("(también @corvid_tea en YouTube)", "reddit", "youtube", "corvid_tea"),
        ("(tambien u/corvid_tea en reddit)", "forum", "reddit", "corvid_tea"),
        ("(also u/corvid_tea on reddit)", "forum", "reddit", "corvid_tea"),
        ("(@corvid_tea on youtube too)", "forum", "youtube", "corvid_tea"),
        ("Same account on the forum, corvid.tea", "reddit", "forum", "corvid.tea"),
        ("mismo usuario en el foro: corvid.tea", "reddit", "forum", "corvid.tea"),
        ("misma cuenta en reddit, u/corvid_tea", "forum", "reddit", "corvid_tea"),
        ("en el foro me conocen como corvid.tea", "reddit", "forum", "corvid.tea"),
        ("in the forum I am corvid.tea, same story there", "reddit", "forum", "corvid.tea"),
        ("en el foro soy corvid_77", "youtube", "forum", "corvid_77"),
        ("con mi cuenta de YouTube (@corvid_tea) también lo comenté", "forum", "youtube",
         "corvid_tea"),
        ("my old account on reddit was u/corvid_tea", "forum", "reddit", "corvid_tea"),
        ("Soy la misma persona que escribió en el foro como corvid.tea", "reddit", "forum",
         "corvid.tea"),
        ("I am the same person who posted on reddit as u/corvid_tea", "forum", "reddit",
         "corvid_tea"),
        ("Posted this on the forum as well under corvid.tea", "reddit", "forum", "corvid.tea"),
        ("me pueden encontrar en reddit como u/corvid_tea", "forum", "reddit", "corvid_tea"),
        ("I commented on your YouTube video as @corvid_tea", "forum", "youtube", "corvid_tea"),
        ("I reported it on reddit (I'm u/corvid_tea)", "forum", "reddit", "corvid_tea"),
        ("Puse la queja en el foro con mi usuario corvid.tea", "reddit", "forum", "corvid.tea"),
        ("I posted it on the forum under the name corvid.tea", "reddit", "forum", "corvid.tea"),
    ],
    # a display name written bare: two or three capitalised words
    "display-name": [
        ("my youtube name is Tamsin Okafor", "forum", "youtube", "Tamsin Okafor"),
        ("on youtube I am Tamsin Okafor, same question", "forum", "youtube", "Tamsin Okafor"),
        ("Same account on youtube, Tamsin Okafor, asked there first", "reddit", "youtube",
         "Tamsin Okafor"),
        ("lo comenté en YouTube como Begoña Irazu y nadie contestó", "forum", "youtube",
         "Begoña Irazu"),
        ("en YouTube soy Lucía de la Fuente", "reddit", "youtube", "Lucía de la Fuente"),
        ("I posted on reddit as Tamsin. Then nothing happened", "forum", "reddit", "Tamsin"),
        # a first name and an initial, as YouTube shows many
        ("I left it as a comment on your YouTube video (as Tamsin O), no reply", "forum",
         "youtube", "Tamsin O"),
        ("lo dejé en YouTube como Begoña R. Nadie contesta", "reddit", "youtube", "Begoña R"),
    ],
    # a self-introduction: I'm / this is / here / aquí + name + from/de/on/en + place
    "introduction": [
        ("I'm kestrel_88 from the forum, still the same", "youtube", "forum", "kestrel_88"),
        ("this is kestrel_88 from reddit, still waiting", "youtube", "reddit", "kestrel_88"),
        ("hi, this is kestrel_88 from the forum again", "youtube", "forum", "kestrel_88"),
        ("btw this is u/kestrel_88 from reddit, still no refund", "youtube", "reddit",
         "kestrel_88"),
        ("fyi im kestrel_88 from reddit", "youtube", "reddit", "kestrel_88"),
        ("aquí kestrel_88 de reddit, sigo esperando", "youtube", "reddit", "kestrel_88"),
        ("aqui kestrel_88 del foro, otra vez sin servicio", "youtube", "forum", "kestrel_88"),
        ("hola, aquí kestrel_88 de reddit 😅 sigo igual", "youtube", "reddit", "kestrel_88"),
        ("kestrel_88 on reddit here, same problem as my post there", "youtube", "reddit",
         "kestrel_88"),
        ("u/kestrel_88 from reddit here, any news?", "youtube", "reddit", "kestrel_88"),
        ("Hey, it's Nadia Okafor from YouTube again", "forum", "youtube", "Nadia Okafor"),
        ("kestrel_88 del foro por aquí, sigo sin respuesta", "youtube", "forum", "kestrel_88"),
    ],
    # also there, under x
    "also-under": [
        ("also on the forum under kestrel_88", "youtube", "forum", "kestrel_88"),
        ("and also on reddit as u/kestrel_88", "youtube", "reddit", "kestrel_88"),
        ("por si acaso, también en el foro como kestrel_88", "youtube", "forum", "kestrel_88"),
        ("I also wrote on the forum, user kestrel_88", "youtube", "forum", "kestrel_88"),
        ("I posted on the forum, user: kestrel_88", "youtube", "forum", "kestrel_88"),
    ],
    # from my account there, x
    "account-name": [
        ("desde mi cuenta de reddit kestrel_88 también lo pregunté", "youtube", "reddit",
         "kestrel_88"),
        ("con mi cuenta del foro kestrel_88 lo pregunté igual", "youtube", "forum", "kestrel_88"),
        ("I asked with my reddit account kestrel_88 too", "youtube", "reddit", "kestrel_88"),
    ],
    # a bracketed name and place standing for the writer
    "bracketed-self": [
        ("I've got a thread open on reddit (kestrel_88)", "youtube", "reddit", "kestrel_88"),
        ("tengo un hilo abierto en reddit (kestrel_88)", "youtube", "reddit", "kestrel_88"),
        ("(kestrel_88 on the forum)", "youtube", "forum", "kestrel_88"),
        ("(u/kestrel_88 on reddit)", "youtube", "reddit", "kestrel_88"),
        ("(kestrel_88 en reddit)", "youtube", "reddit", "kestrel_88"),
        ("(kestrel_88 on the forum) still waiting on the refund", "youtube", "forum",
         "kestrel_88"),
        ("Sigo sin internet (Nadia Okafor en youtube)", "reddit", "youtube", "Nadia Okafor"),
        ("Same here (u/kestrel_88 on reddit)", "youtube", "reddit", "kestrel_88"),
        ("I have the same issue as last week (kestrel_88 on the forum)", "youtube", "forum",
         "kestrel_88"),
    ],
}  # fmt: skip

DECOYS = {
    # addressing or crediting another user
    "addressed": [
        "pregúntale a u/maria_q",
        "preguntale a u/maria_q en reddit",
        "escríbele a lucia.fernandez en el foro",
        "gracias u/maria_q, me funcionó",
        "según u/maria_q en el foro hay que reiniciar",
        "ask u/maria_q on reddit",
    ],
    # what another user said or did
    "they-did": [
        "as u/maria_q said on reddit",
        "I posted on reddit too, as u/maria_q said",
        "como dijo u/maria_q en reddit",
        "ya lo puse en reddit, como dijo u/maria_q",
        "ya lo puse en reddit y u/maria_q me respondió",
        "I posted on the forum, u/maria_q replied there",
        "puse en reddit lo que dijo u/maria_q",
    ],
    # somebody else posted
    "third-person": [
        "My friend posted on reddit as u/maria_q",
        "he posted on reddit as u/maria_q",
        "ella lo puso en reddit como u/maria_q",
        "lo publicó en el foro como lucia.fernandez",
        "mi hermano escribió en el foro como lucia.fernandez",
        "escribí en el foro a lucia.fernandez",
    ],
    # a word where a name could be
    "no-name": [
        "same as my forum post",
        "my channel is great",
        "mi canal es nuevo",
        "I posted on reddit as well",
        "I asked on the forum as suggested",
        "I wrote on the forum as a guest",
        "escribí en el foro como cliente",
        "soy nuevo en el foro",
        "I'm still on the forum waiting",
        "lo puse en reddit (nadie contestó)",
        "on reddit I'm getting nowhere with this",
        "en reddit soy muy activo",
        "my username there is kettle_fan",
        "my account is locked",
        "my account is hacked again",
        "my account was hacked",
        "mi cuenta es nueva",
        "mi perfil es privadísimo",
        "I am on reddit every day",
        "I'm on reddit, nobody helps there either",
        "estoy en el foro, pero nadie contesta",
        "in the forum I am new",
        "in the forum I am 100% sure it is the router",
        "on youtube I am Not Happy",
        "en YouTube soy Muy Paciente",
        "I posted on reddit (I'm sure there is a fix)",
        "I posted on reddit, I'm stuck there too",
        "I asked on reddit, I am new there.",
        "I posted on reddit (I'm not there anymore)",
        "I posted on reddit (I'm not there)",
    ],
    # someone else's account in brackets
    "bracketed": [
        "My brother (u/corvid_tea) has the same problem",
        "mi hermano (u/corvid_tea) tiene el mismo problema",
        "(ask u/corvid_tea on reddit)",
        "(u/corvid_tea on reddit said it)",
        "thanks u/corvid_tea!",
        "mi amiga es corvid_tea en youtube",
        "my brother (u/kestrel_88 on reddit) has the same",
        "la de mi vecina (kestrel_88 en el foro) también falla",
        "I asked (u/kestrel_88 on reddit) and he said no",
        "thanks (kestrel_88 on the forum)!",
        "ask the mod (u/kestrel_88 on reddit)",
        "someone (kestrel_88 on the forum) posted a fix",
        "I read what someone posted (kestrel_88 on the forum)",
        "according to (kestrel_88 on the forum), it works",
        "check out (u/kestrel_88 on reddit)",
        "I follow (u/kestrel_88 on reddit)",
        "(kestrel_88 on reddit said it)",
        "he has a thread open on reddit (kestrel_88)",
        "mi amigo tiene un hilo abierto en reddit (kestrel_88)",
        "I've got a thread open on reddit (thanks kestrel_88)",
        "Same here, my neighbour too (u/kestrel_88 on reddit)",
        "I agree with this guy (u/kestrel_88 on reddit)",
        "I recommend this channel (Nadia Okafor on youtube)",
        "I watched a video (Nadia Okafor on youtube), didn't help",
        "I found a fix posted (u/kestrel_88 on reddit)",
        "I found the answer (u/kestrel_88 on reddit)",
        "i think it was this one (kestrel_88 on the forum)",
        "vi este vídeo (Nadia Okafor en youtube)",
    ],
    # another person introduced, or what they said
    "introduced-other": [
        "this is what kestrel_88 from reddit said",
        "this is kestrel_88 from reddit's advice",
        "aquí kestrel_88 de reddit dice que hay que reiniciar",
        "kestrel_88 on reddit here said to reboot",
        "kestrel_88 on reddit said the same",
        "I'm friends with kestrel_88 from the forum",
        "I'm asking kestrel_88 from the forum, he knows",
        "I'm with kestrel_88 from reddit on this",
        "I'm kestrel_88's brother from reddit",
        "credit to kestrel_88 on reddit here",
        "like my cousin, kestrel_88 on reddit here",
        "escríbele a kestrel_88 del foro, sabe mucho",
        "this is from reddit, still waiting",
        "I'm new from the forum, still waiting",
        "aquí gente de reddit, sigo esperando",
    ],
    # somebody else there too, under x
    "other-also-under": [
        "My friend, also on reddit as u/kestrel_88, has it too",
        "mi hermano, también en el foro como kestrel_88",
        "also on the forum, kestrel_88 said to reboot",
        "also on the forum as kestrel_88 said",
        "also on the forum under kestrel_88's thread",
        "he's also on the forum under kestrel_88",
        "I posted on the forum, user kestrel_88 replied",
        "I posted on the forum, user kestrel_88 has the same",
        "I asked on the forum, user experience is terrible",
        "I posted on reddit, user accounts there get banned",
    ],
    # somebody else's account there
    "other-account": [
        "su cuenta de reddit kestrel_88 la bloquearon",
        "my sister's reddit account kestrel_88 is locked",
        "there is a thread by kestrel_88 on reddit, check it",
    ],
}

CASES = [pytest.param(*case, id=f"{family}-{i}") for family, cases in FAMILIES.items()
         for i, case in enumerate(cases)]  # fmt: skip
DECOY_CASES = [pytest.param(text, id=f"{family}-{i}") for family, texts in DECOYS.items()
               for i, text in enumerate(texts)]  # fmt: skip


@pytest.mark.parametrize(("text", "own", "platform", "handle"), CASES)
def test_first_person_self_reference(text: str, own: str, platform: str, handle: str) -> None:
    found = [(r.platform, r.handle) for r in self_references(text, own)]
    assert found == [(platform, handle)]


@pytest.mark.parametrize("text", DECOY_CASES)
def test_naming_somebody_else_is_no_self_reference(text: str) -> None:
    assert self_references(text, "youtube") == []


def post(source_id: str, author: str, text: str, platform: str):  # noqa: ANN201
    return mention(
        source_id, text, platform=platform, author=author, created_at=datetime(2026, 11, 1, 12)
    )


def customer_of(db: Database, platform: str, handle: str) -> int | None:
    with db.session() as s:
        persona = find_persona(s, platform, handle)
        return None if persona is None else persona.customer_id


def test_spanish_self_references_link_in_the_chain_and_third_person_does_not(
    any_db: Database,
) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "lucyfer", "escribí en el foro como lucia.fernandez", "reddit"))
        chain.process(post("f1", "lucia.fernandez", "El router se reinicia solo", "forum"))
        chain.process(post("y1", "Mar Q", "Ya lo puse en Reddit como u/maria_q", "youtube"))
        chain.process(post("r2", "maria_q", "Me cobraron dos veces", "reddit"))
        # decoys: somebody else's account
        chain.process(post("y2", "Pepe", "pregúntale a u/kettle_fan en reddit", "youtube"))
        chain.process(
            post("f2", "nora_b", "mi hermano lo puso en reddit como u/kettle_fan", "forum")
        )
        chain.process(post("r3", "kettle_fan", "Sin cobertura desde ayer", "reddit"))
    assert customer_of(any_db, "reddit", "lucyfer") == customer_of(
        any_db, "forum", "lucia.fernandez"
    )
    assert customer_of(any_db, "youtube", "Mar Q") == customer_of(any_db, "reddit", "maria_q")
    kettle = customer_of(any_db, "reddit", "kettle_fan")
    assert kettle not in {customer_of(any_db, "youtube", "Pepe"),
                          customer_of(any_db, "forum", "nora_b")}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "own", "places"),
    [
        ("Lo comenté también en YouTube como elena_r, sigo esperando", "forum", {"youtube"}),
        ("I posted this on Reddit too", "forum", {"reddit"}),
        ("Same as my forum post, nothing changed", "youtube", {"forum"}),
        ("No. I posted on the forum too", "reddit", {"forum"}),
        ("escribí en el foro hace dos días y nada", "reddit", {"forum"}),
        ("I posted on reddit", "reddit", set()),  # its own platform
        ("I never posted on reddit", "forum", set()),
        ("no lo he puesto en el foro", "reddit", set()),
        ("Somebody on reddit said to reboot it", "forum", set()),
        ("I watched your youtube video", "reddit", set()),
        ("I've got a thread open on reddit, no answer", "forum", {"reddit"}),
        ("tengo un hilo abierto en el foro", "reddit", {"forum"}),
        ("he has a thread open on reddit", "forum", set()),
        ("my reddit account is locked", "forum", set()),
        # where the writer was answered
        ("Hice lo que me dijeron en YouTube y nada", "reddit", {"youtube"}),
        ("I did what you told me on the forum, still broken", "reddit", {"forum"}),
        ("no me dijeron nada en YouTube", "reddit", set()),
        ("My brother says they told him on YouTube", "reddit", set()),
    ],
)
def test_places_the_writer_says_they_wrote_on(text: str, own: str, places: set[str]) -> None:
    assert places_named(text, own) == places
