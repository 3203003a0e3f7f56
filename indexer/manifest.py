"""The manifest saved beside each index: which model made the vectors, their dimension, how many
there are, and a checksum of the index file. A different model means a rebuild, never a mix."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Manifest:
    collection: str
    model: str
    dim: int
    count: int = 0
    kind: str = "exact"
    checksum: str = ""
    hashes: dict[str, str] = field(default_factory=dict)  # db id -> content hash embedded

    @staticmethod
    def path_for(directory: Path, collection: str) -> Path:
        return directory / f"{collection}.manifest.json"

    def save(self, directory: Path) -> None:
        path = self.path_for(directory, self.collection)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), sort_keys=True), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, directory: Path, collection: str) -> Manifest | None:
        path = cls.path_for(directory, collection)
        if not path.exists():
            return None
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
