"""Shared fixtures: paths to the committed test inputs and the seed's segmentation."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_5091d5ce2a71cf37.txt"


@pytest.fixture(scope="session")
def seed_workbook():
    """The seed, read and segmented once for the whole session (no cache)."""
    from doculens.workbook import build

    return build([FIXTURES / "seed.txt"])


@pytest.fixture(scope="session")
def seed_text(seed_workbook):
    return seed_workbook.texts["seed.txt"]
