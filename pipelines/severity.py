"""Severity cues that raise a mention's priority, in English and Spanish.

``severity_cues(text, engagement)`` returns a sorted list drawn from:

* ``safety``: a risk to someone's health or safety (fire, smoke, gas leak, injury, brakes failed);
* ``legal``: a legal or regulatory threat (lawyer, lawsuit, small claims, consumer agency);
* ``cancel``: intent to cancel or leave (cancel my account, switching to, darme de baja);
* ``amplification``: the post is already public at scale (score, views or replies above
  AMPLIFICATION thresholds).

Keyword cues are regular expressions on the case-folded text, written to stay precise on short
posts; they are cues for a human, not verdicts.
"""

from __future__ import annotations

import re

from crawlers.items import Engagement

CUES = ("safety", "legal", "cancel", "amplification")

AMPLIFICATION = {"score": 100, "views": 10_000, "replies": 25}

_PATTERNS: dict[str, list[str]] = {
    "safety": [
        r"\b(fire|caught fire|on fire|smok(e|ing)|burn(ed|t|ing)?|melt(ed|ing)|explod(ed|ing)|"
        r"exploded|spark(s|ing)|electric shock|shocked me|gas (leak|smell)|smell(s|ed)? (of )?gas|"
        r"carbon monoxide|overheat(ed|ing|s)?|got extremely hot)\b",
        r"\b(injur(y|ed|ies)|(got|get|gets|getting|was|been) hurt|hospital|ambulance|bleeding|"
        r"choking|allerg(y|ic) reaction|"
        r"food poisoning|unsafe|dangerous|hazard(ous)?|brakes? (failed|fail)|(could|will) "
        r"(kill|hurt) someone|get(s)? hurt)\b",
        r"\b(incendio|fuego|humo|ech(ó|o) humo|se quem(ó|o)|quemad[oa]s?|quemadura|explot(ó|o|a)|"
        r"chispas|descarga el[eé]ctrica|fuga de gas|huele a gas|olor a gas|monóxido|"
        r"sobrecalienta|se calienta much[oí]simo)\b",
        r"\b(herid[oa]s?|lesi(ó|o)n|hospital|urgencias|ambulancia|intoxicaci(ó|o)n|"
        r"reacci(ó|o)n al(é|e)rgica|peligros[oa]|peligro|inseguro|sin frenos|"
        r"se va a hacer daño|hacerse daño)\b",
    ],
    "legal": [
        r"\b(lawyer|attorney|solicitor|lawsuit|sue|suing|legal action|take (you|this|them) to "
        r"court|small claims|class action|consumer protection|ombudsman|"
        r"better business bureau|bbb|fcc|ftc|cfpb|trading standards|chargeback|"
        r"report(ing)? you to)\b",
        r"\b(abogad[oa]|demanda(r|ré|remos)?|denuncia(r|ré|remos)?|denuncia|juzgado|tribunal(es)?|"
        r"acciones legales|v(í|i)a judicial|reclamaci(ó|o)n (en|a) consumo|omic|ocu|"
        r"facua|hoja de reclamaciones|defensor del (cliente|pueblo)|profeco|"
        r"organismo regulador)\b",
    ],
    "cancel": [
        r"\b(cancel(l?ing)? my (account|subscription|contract|plan|service|membership|card)|"
        r"clos(e|ing) my (account|card)|switch(ing)? (to|providers|banks|carriers)|"
        r"(moving|move|port(ing)?) my (number|money|account) (to another|elsewhere|away)|"
        r"(i'?m|i am) (done|leaving|out)|"
        r"never (again|ordering|flying|buying)|taking my business elsewhere|"
        r"unsubscrib(e|ing)|leaving (you|this (bank|company|carrier|provider)))\b",
        r"\b(me doy de baja|darme de baja|dar(me)? de baja|me (voy a )?cambi(o|ar) de "
        r"(compañía|compania|banco|operador[a]?|proveedor)|"
        r"cancelar (mi|la) (cuenta|suscripci(ó|o)n|"
        r"contrato|tarjeta|línea|linea)|cerrar (mi|la) cuenta|(pedir|pido|solicitar|solicito) la "
        r"portabilidad|nunca m(á|a)s|"
        r"me voy a (la competencia|otra compañía|otra compania|otro banco))\b",
    ],
}
_COMPILED = {cue: re.compile("|".join(ps), re.IGNORECASE) for cue, ps in _PATTERNS.items()}


def severity_cues(text: str | None, engagement: Engagement | None = None) -> list[str]:
    """The cues present in ``text`` and in the engagement figures, in CUES order."""
    folded = (text or "").casefold()
    found = {cue for cue, rx in _COMPILED.items() if rx.search(folded)}
    if engagement is not None and (
        engagement.score >= AMPLIFICATION["score"]
        or engagement.views >= AMPLIFICATION["views"]
        or engagement.replies >= AMPLIFICATION["replies"]
    ):
        found.add("amplification")
    return [cue for cue in CUES if cue in found]
