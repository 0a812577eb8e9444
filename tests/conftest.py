import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpora" / "raw"
GOLD = ROOT / "corpora" / "gold"


def seed(prefix: str) -> Path:
    return next(RAW.glob(f"{prefix}_*.txt"))


def gold_docs(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    from nlp.readers import read

    return {p.name[:3]: read(p).text for p in sorted(RAW.glob("*.txt"))}
