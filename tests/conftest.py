"""Shared test set-up: the build cache (lkjip/cache.py) of a test session is a folder of
its own, empty at the start, so tests never read or fill the developer's own cache. Tests
that need an empty cache point LKJIP_CACHE at their own folder."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lkjip-cache")
    before = os.environ.get("LKJIP_CACHE")
    os.environ["LKJIP_CACHE"] = str(folder)  # subprocesses (build.py, workers) see it too
    yield folder
    if before is None:
        os.environ.pop("LKJIP_CACHE", None)
    else:
        os.environ["LKJIP_CACHE"] = before
