"""Where builds keep what the next build can reuse: drawn charts and compiled chapters.

Not in ``output/`` (what users open, zip and mail), but in the user's cache folder:
``%LOCALAPPDATA%\\lkjip\\cache`` on Windows, ``~/Library/Caches/lkjip`` on macOS,
``$XDG_CACHE_HOME/lkjip`` (``~/.cache/lkjip``) elsewhere. The environment variable
``LKJIP_CACHE`` names another folder, or turns the cache off with ``0``/``off``. Entries are
keyed by their content (see :mod:`lkjip.present.chartcache`), so projects and years share
the folder safely; deleting it at any time only makes the next build slower.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

KEEP_FILES = 300  # per kind of entry; the least recently written beyond this are removed


def cache_root() -> Path | None:
    """The cache folder (not created here); None when the cache is off."""
    chosen = os.environ.get("LKJIP_CACHE", "").strip()
    if chosen.lower() in ("0", "off", "no", "tidak"):
        return None
    if chosen:
        return Path(chosen)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "lkjip" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "lkjip"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lkjip"


def cache_dir(kind: str) -> Path | None:
    """``<cache>/<kind>`` (``"charts"``, ``"jinja"``), or None when the cache is off."""
    root = cache_root()
    return None if root is None else root / kind


def prune(folder: Path, pattern: str, keep: int = KEEP_FILES, companion: str | None = None) -> None:
    """Remove the oldest files matching ``pattern`` beyond ``keep``, each with its
    ``companion`` file (same name, that suffix) if given; silently."""
    try:
        files = list(folder.glob(pattern))
        if len(files) <= keep:
            return
        files.sort(key=lambda path: path.stat().st_mtime)
        for path in files[:-keep]:
            path.unlink(missing_ok=True)
            if companion:
                path.with_suffix(companion).unlink(missing_ok=True)
    except OSError:
        pass
