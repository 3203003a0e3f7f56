"""Compare language detectors on short social posts: lingua-language-detector vs py3langid.

Reads the public evaluation sets beside the repository (../shared/eval): Spanish and English
airline tweets (2,000 of each, URLs and handles removed) and the XQuAD questions in both
languages. Prints accuracy by post length, speed, and coverage/accuracy when each detector may
answer "unknown" below a probability threshold.

    python bench/language.py [--eval-dir ../shared/eval] [--sample 2000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

from pipelines.language import LANGUAGES, strip_for_detection

ROOT = Path(__file__).resolve().parents[1]


def load(eval_dir: Path, sample: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    rng = random.Random(0)  # noqa: S311 - a reproducible sample, not security
    air = eval_dir / "airline-tweets-es-en"
    with open(air / "tweets_public_es.utf8.csv", encoding="utf-8") as fh:
        es = [r["text"] for r in csv.DictReader(fh)]
    with open(air / "us_airline_tweets_public.csv", encoding="utf-8") as fh:
        en = [r["text"] for r in csv.DictReader(fh)]
    tweets = [(strip_for_detection(t), "es") for t in rng.sample(es, sample)]
    tweets += [(strip_for_detection(t), "en") for t in rng.sample(en, sample)]
    tweets = [t for t in tweets if sum(c.isalpha() for c in t[0]) >= 3]
    questions = []
    for lang in ("es", "en"):
        path = eval_dir / "xquad-es-en" / f"derived_{lang}" / "queries.jsonl"
        with open(path, encoding="utf-8") as fh:
            questions += [(json.loads(line)["text"], lang) for line in fh]
    return tweets, questions


def detectors() -> dict:
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    codes = [getattr(IsoCode639_1, c.upper()) for c in LANGUAGES]
    lingua = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))

    def lingua_detect(text: str) -> tuple[str, float]:
        top = lingua.compute_language_confidence_values(text)[0]
        return top.language.iso_code_639_1.name.lower(), top.value

    def langid_detect(text: str) -> tuple[str, float]:
        lang, prob = ident.classify(text.lower())
        return lang, float(prob)

    return {"lingua": lingua_detect, "py3langid": langid_detect}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=ROOT / ".." / "shared" / "eval")
    ap.add_argument("--sample", type=int, default=2000)
    args = ap.parse_args()
    tweets, questions = load(args.eval_dir, args.sample)
    print(f"{len(tweets)} tweets (es+en), {len(questions)} questions (es+en)")
    for name, detect in detectors().items():
        detect("warm up")
        start = time.perf_counter()
        preds = [detect(t) for t, _ in tweets]
        rate = len(tweets) / (time.perf_counter() - start)
        rows = [(p, c, y, len(t.split())) for (p, c), (t, y) in zip(preds, tweets, strict=True)]

        def acc(sel: list) -> str:
            return f"{sum(p == y for p, _, y, _ in sel) / max(1, len(sel)):.4f} (n={len(sel)})"

        print(f"\n{name}: {rate:,.0f} posts/s")
        print(f"  tweets all         {acc(rows)}")
        print(f"  tweets <=5 words   {acc([r for r in rows if r[3] <= 5])}")
        print(f"  tweets <=8 words   {acc([r for r in rows if r[3] <= 8])}")
        q = [(detect(t)[0], y) for t, y in questions]
        print(f"  questions          {sum(p == y for p, y in q) / len(q):.4f} (n={len(q)})")
        short = [r for r in rows if r[3] <= 8]
        for th in (0.5, 0.7, 0.9):
            dec = [r for r in short if r[1] >= th]
            print(
                f"  <=8 words, unknown below {th}: coverage {len(dec) / len(short):.3f}, "
                f"accuracy when decided {sum(p == y for p, _, y, _ in dec) / max(1, len(dec)):.4f}"
            )


if __name__ == "__main__":
    main()
