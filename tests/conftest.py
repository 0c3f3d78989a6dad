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


@pytest.fixture(scope="session")
def example_report(tmp_path_factory):
    """``example_report(name)`` → the ``--fast`` .docx of an example of
    ``scripts/update_golden.py`` (EXAMPLES), built once per session in a copy of its project;
    tests read it, never change it."""
    import importlib.util
    from pathlib import Path

    from lkjip import pipeline

    script = Path(__file__).resolve().parent.parent / "scripts" / "update_golden.py"
    spec = importlib.util.spec_from_file_location("update_golden_for_tests", script)
    update_golden = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update_golden)
    examples = {name: (root, year) for name, root, year in update_golden.EXAMPLES}
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            root, year = examples[name]
            project = update_golden.copy_project(root, year, tmp_path_factory.mktemp(name))
            result = pipeline.build(pipeline.Options(year=year, root=project, fast=True),
                                    lambda _line: None)
            built[name] = result.docx
        return built[name]

    return get
