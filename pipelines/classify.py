"""The classify stage: complaint or not (with a probability), sentiment (with a score) and
severity cues.

The models (pipelines/classifier.py) are loaded once per process from
``$LISTENPOST_HOME/models/complaint.joblib``, which `listenpost classifier train` writes from the
seed set plus agents' corrections; when the file is missing the first item trains them from the
seed set (seconds) and saves the file. Nothing loads at import time.

Only mentions are classified; help content (HelpDoc) and the brand's own posts pass unchanged
(the brand does not complain to itself), though severity cues are still set for brand posts.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from crawlers.items import Item, Mention
from pipelines import classifier
from pipelines.chain import Stage
from pipelines.severity import severity_cues

logger = logging.getLogger(__name__)

COMPLAINT_THRESHOLD = 0.5


def classify_texts(home: Path, texts: list[str]) -> list[dict[str, Any]]:
    """Complaint probability and sentiment for a batch of texts (one embedding per text)."""
    models = classifier.get_models(home)
    vectors = classifier.embed(texts)
    complaint = models.complaint_proba(texts, vectors)
    sentiment = models.sentiment_proba(texts, vectors)
    out = []
    for p, probs in zip(complaint, sentiment, strict=True):
        best = int(probs.argmax())
        out.append(
            {
                "is_complaint": bool(p >= COMPLAINT_THRESHOLD),
                "complaint_score": round(float(p), 4),
                "sentiment": classifier.SENTIMENTS[best],
                # signed polarity in [-1, 1]: P(positive) - P(negative)
                "sentiment_score": round(float(probs[2] - probs[0]), 4),
            }
        )
    return out


def mention_text(item: Any) -> str:
    """Title and text of a mention (an item or a stored row): what is classified and embedded."""
    return "\n".join(p for p in (item.title, item.text) if p)


class Classify(Stage):
    """Batched: the whole batch's texts go through the models in one call."""

    def process_item(self, item: Item, spider: Any = None) -> Item:
        return self.process_batch([item])[0]  # type: ignore[return-value]

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        todo: list[tuple[Mention, str]] = []
        for item in items:
            if not isinstance(item, Mention):
                continue
            text = mention_text(item)
            item.severity = severity_cues(text, item.engagement)
            if not item.by_brand and item.content_type == "mention":
                todo.append((item, text))
        if todo:
            results = classify_texts(self.ctx.settings.home, [text for _, text in todo])
            for (item, _), result in zip(todo, results, strict=True):
                for name, value in result.items():
                    setattr(item, name, value)
        return list(items)
