"""Fixtures of the checks outside the test database (helpers in common.py)."""

import os
import shutil
import time

import pytest

from .common import STACK, run


@pytest.fixture
def new_db():
    """A fresh database name for the test, dropped at its end."""
    names = []

    def make(prefix):
        names.append(f"pcve_{prefix}_{int(time.time())}_{os.getpid()}")
        return names[-1]

    yield make
    for name in names:
        run(["dropdb", "--if-exists", name])
        shutil.rmtree(STACK / "data" / "filestore" / name, ignore_errors=True)


_SUMMARY = []


@pytest.fixture
def summary():
    """Lines for the run's summary, printed before pytest's closing line."""
    return _SUMMARY.append


def pytest_terminal_summary(terminalreporter):
    if _SUMMARY:
        terminalreporter.section("checks outside the test database")
        for line in _SUMMARY:
            terminalreporter.write_line(line)
