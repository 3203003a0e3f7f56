"""Data files are private to the account that runs listenpost.

The database (and SQLite's WAL and SHM files), the FAISS indexes and their manifests, the
classifier model, the keys and the stored suggestions hold customers' posts and secrets. Every
process that writes them starts with :func:`private_umask` (the ``listenpost`` command and
``create_app``), so each file is created 0600 and each directory 0700 by whichever library
creates it (SQLite, FAISS, joblib, Alembic); :func:`secure_home` also closes the home directory
itself (0700) on every command, and ``listenpost init`` tightens what an older version left
readable (:func:`tighten`).
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700


def private_umask() -> None:
    """New files 0600, new directories 0700, for this process and its children."""
    os.umask(PRIVATE_UMASK)


def secure_home(home: Path) -> None:
    """Create the data directory if needed and make it 0700."""
    home.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if home.stat().st_mode & 0o777 != DIR_MODE:
        home.chmod(DIR_MODE)


OWN = ("listenpost.db*", "*_key", "index", "models")  # what listenpost keeps in its home


def tighten(home: Path) -> None:
    """The home 0700 and listenpost's own entries in it (``OWN``, and everything below them)
    0600 for files, 0700 for directories; anything else a user keeps there is left alone."""
    secure_home(home)
    for pattern in OWN:
        for top in home.glob(pattern):
            for path in [top, *(top.rglob("*") if top.is_dir() else [])]:
                if not path.is_symlink():
                    path.chmod(DIR_MODE if path.is_dir() else FILE_MODE)
