"""A FAISS index per collection whose ids are database ids, saved with its manifest."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.errors import ListenpostError
from indexer.manifest import Manifest, file_checksum

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

COLLECTIONS = ("mentions", "knowledge")
INDEX_LOCK = "listenpost-index-files"  # held by the one process writing the index files


class IndexerError(ListenpostError):
    """An index cannot be used as it is (other model, corrupt file). Raised on load."""


HNSW_M = 32  # links per node
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 320  # [index] hnsw_ef_search; bench/index.py measures recall@10 per value


FEW_QUERIES = 16  # up to this many queries are searched on one thread


def _search(engine: Any, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``engine.search``; a few queries run on one OpenMP thread: measured by bench/index.py, a
    single query at 20k vectors took 72 ms (p50) with FAISS's default threads on a busy 2-core
    machine and 1.1 ms on one thread, as idle threads spin waiting for each other."""
    import faiss

    if len(vectors) > FEW_QUERIES:
        return engine.search(vectors, k)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return engine.search(vectors, k)
    finally:
        faiss.omp_set_num_threads(threads)


class VectorIndex:
    """Inner-product search over normalised vectors, keyed by database id.

    The exact index (a flat IndexIDMap2) is always kept: it is the store of record, supports
    deletes and gives exact search. Above ``exact_max`` vectors an HNSW graph is built beside it
    (``{collection}.hnsw``) and searches go there; new vectors are added to the graph, a delete
    marks the graph stale and it is rebuilt on save.
    """

    def __init__(
        self,
        collection: str,
        model: str,
        dim: int,
        exact_max: int = 200_000,
        ef_search: int = HNSW_EF_SEARCH,
    ) -> None:
        import faiss

        self.manifest = Manifest(collection=collection, model=model, dim=dim)
        self.index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self.exact_max = exact_max
        self._ef_search = ef_search
        self.hnsw: Any = None
        self._hnsw_stale = False

    @property
    def ef_search(self) -> int:
        """HNSW's search breadth: larger finds more of the true neighbours, a little slower."""
        return self._ef_search

    @ef_search.setter
    def ef_search(self, value: int) -> None:
        import faiss

        self._ef_search = value
        if self.hnsw is not None:
            faiss.downcast_index(self.hnsw.index).hnsw.efSearch = value

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: list[int], vectors: np.ndarray, hashes: list[str]) -> None:
        import numpy as np

        if not ids:
            return
        self.remove(ids)
        id_array = np.asarray(ids, dtype=np.int64)
        self.index.add_with_ids(vectors, id_array)
        if self.hnsw is not None and not self._hnsw_stale:
            self.hnsw.add_with_ids(vectors, id_array)
        for i, h in zip(ids, hashes, strict=True):
            self.manifest.hashes[str(i)] = h

    def remove(self, ids: list[int]) -> int:
        import numpy as np

        if not ids:
            return 0
        removed = int(self.index.remove_ids(np.asarray(ids, dtype=np.int64)))
        if removed and self.hnsw is not None:
            self._hnsw_stale = True  # HNSW cannot delete: rebuilt from the exact index on save
        for i in ids:
            self.manifest.hashes.pop(str(i), None)
        return removed

    def ids(self) -> set[int]:
        return {int(i) for i in self.manifest.hashes}

    @property
    def kind(self) -> str:
        return "hnsw" if self.hnsw is not None else "exact"

    def build_hnsw(self) -> None:
        """(Re)build the HNSW graph from the exact index."""
        import faiss
        import numpy as np

        dim = self.manifest.dim
        graph = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        graph.hnsw.efSearch = self._ef_search
        hnsw = faiss.IndexIDMap(graph)
        ids = faiss.vector_to_array(self.index.id_map).astype(np.int64)
        flat = faiss.downcast_index(self.index.index)
        step = 100_000
        for start in range(0, len(ids), step):
            n = min(step, len(ids) - start)
            hnsw.add_with_ids(flat.reconstruct_n(start, n), ids[start : start + n])
        self.hnsw = hnsw
        self._hnsw_stale = False

    def _sync_kind(self) -> None:
        if self.count > self.exact_max:
            if self.hnsw is None or self._hnsw_stale:
                logger.info("building the HNSW graph of %s", self.manifest.collection)
                self.build_hnsw()
        else:
            self.hnsw = None
            self._hnsw_stale = False
        self.manifest.kind = self.kind

    def vectors(self, ids: list[int]) -> np.ndarray:
        """The stored vectors of these ids (KeyError for an unknown id)."""
        import numpy as np

        out = np.empty((len(ids), self.manifest.dim), dtype=np.float32)
        for row, i in enumerate(ids):
            try:
                out[row] = self.index.reconstruct(int(i))
            except RuntimeError:
                raise KeyError(i) from None
        return out

    def search(
        self, vectors: np.ndarray, k: int = 10, exact: bool = False
    ) -> list[list[tuple[int, float]]]:
        """For each query row, up to k (id, score) pairs, best first. HNSW above the configured
        size unless ``exact``."""
        if self.count == 0:
            return [[] for _ in range(len(vectors))]
        if not exact and self.count > self.exact_max and (self.hnsw is None or self._hnsw_stale):
            self.build_hnsw()
        engine = self.index if exact or self.count <= self.exact_max else self.hnsw
        scores, ids = _search(engine, vectors, min(k, self.count))
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
        self._sync_kind()
        hnsw_path = directory / f"{self.manifest.collection}.hnsw"
        if self.hnsw is not None:
            faiss.write_index(self.hnsw, str(hnsw_path) + ".tmp")
            Path(str(hnsw_path) + ".tmp").replace(hnsw_path)
        elif hnsw_path.exists():
            hnsw_path.unlink()
        self.manifest.count = self.count
        self.manifest.checksum = file_checksum(path)
        self.manifest.save(directory)

    @classmethod
    def load(
        cls,
        directory: Path,
        collection: str,
        model: str,
        dim: int,
        exact_max: int = 200_000,
        ef_search: int = HNSW_EF_SEARCH,
    ) -> VectorIndex:
        """The saved index, or a new empty one. Refused when made by another model."""
        import faiss

        manifest = Manifest.load(directory, collection)
        path = directory / f"{collection}.faiss"
        if manifest is None or not path.exists():
            return cls(collection, model, dim, exact_max=exact_max, ef_search=ef_search)
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
        obj.exact_max = exact_max
        obj._ef_search = ef_search
        obj.hnsw = None
        obj._hnsw_stale = False
        hnsw_path = directory / f"{collection}.hnsw"
        if obj.count > exact_max:
            if hnsw_path.exists():
                obj.hnsw = faiss.read_index(str(hnsw_path))
                faiss.downcast_index(obj.hnsw.index).hnsw.efSearch = ef_search
                if obj.hnsw.ntotal != obj.count:
                    obj._hnsw_stale = True
            else:
                obj._hnsw_stale = True
        return obj
