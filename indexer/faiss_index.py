"""A FAISS index per collection whose ids are database ids, saved with its manifest."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.manifest import Manifest, file_checksum

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

COLLECTIONS = ("mentions", "knowledge")


class IndexerError(Exception):
    """An index cannot be used as it is (other model, corrupt file). Raised on load."""


class VectorIndex:
    """Exact inner-product search over normalised vectors, keyed by database id."""

    def __init__(self, collection: str, model: str, dim: int) -> None:
        import faiss

        self.manifest = Manifest(collection=collection, model=model, dim=dim)
        self.index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: list[int], vectors: np.ndarray, hashes: list[str]) -> None:
        import numpy as np

        if not ids:
            return
        self.remove(ids)
        self.index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))
        for i, h in zip(ids, hashes, strict=True):
            self.manifest.hashes[str(i)] = h

    def remove(self, ids: list[int]) -> int:
        import numpy as np

        if not ids:
            return 0
        removed = int(self.index.remove_ids(np.asarray(ids, dtype=np.int64)))
        for i in ids:
            self.manifest.hashes.pop(str(i), None)
        return removed

    def ids(self) -> set[int]:
        return {int(i) for i in self.manifest.hashes}

    def search(self, vectors: np.ndarray, k: int = 10) -> list[list[tuple[int, float]]]:
        """For each query row, up to k (id, score) pairs, best first."""
        if self.count == 0:
            return [[] for _ in range(len(vectors))]
        scores, ids = self.index.search(vectors, min(k, self.count))
        return [
            [(int(i), float(s)) for i, s in zip(id_row, score_row, strict=True) if i != -1]
            for id_row, score_row in zip(ids, scores, strict=True)
        ]

    def save(self, directory: Path) -> None:
        import faiss

        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.manifest.collection}.faiss"
        tmp = path.with_suffix(".faiss.tmp")
        faiss.write_index(self.index, str(tmp))
        tmp.replace(path)
        self.manifest.count = self.count
        self.manifest.checksum = file_checksum(path)
        self.manifest.save(directory)

    @classmethod
    def load(cls, directory: Path, collection: str, model: str, dim: int) -> VectorIndex:
        """The saved index, or a new empty one. Refused when made by another model."""
        import faiss

        manifest = Manifest.load(directory, collection)
        path = directory / f"{collection}.faiss"
        if manifest is None or not path.exists():
            return cls(collection, model, dim)
        if manifest.model != model or manifest.dim != dim:
            raise IndexerError(
                f"the {collection} index was built with {manifest.model} ({manifest.dim} dims), "
                f"not the configured {model} ({dim}): run `listenpost index --rebuild`"
            )
        if manifest.checksum and manifest.checksum != file_checksum(path):
            raise IndexerError(
                f"{path} does not match its manifest: run `listenpost index --rebuild`"
            )
        obj = cls.__new__(cls)
        obj.manifest = manifest
        obj.index = faiss.read_index(str(path))
        return obj
