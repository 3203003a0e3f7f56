"""Run one fuzz target under atheris (libFuzzer): ``python -m tests.fuzz.run TARGET [-runs=N]
[-max_total_time=S] ...``. A failing input is written where ``-artifact_prefix`` says and the
process exits non-zero."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["crawlers"]):
    import crawlers.api.reddit
    import crawlers.api.youtube
    import crawlers.importers
    import crawlers.items
    import crawlers.spiders.discourse  # noqa: F401 - instrumented for coverage feedback

from tests.fuzz.targets import TARGETS


def main() -> None:
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
