"""Benchmark the sentence splitter: Golden Rules accuracy and speed against pySBD.

(a) The 48 English "Golden Rules" (``sentences/english_golden_rules.json`` in the data
    folder): a case passes when the list of sentence texts equals the expected list exactly.
    Reported for ``doculens.sentences.split_sentences``, pySBD 0.3.4 and untrained NLTK Punkt
    (``PunktSentenceTokenizer()``, which needs no data package).
(b) Speed on the seed transcript ``seeds/000_5091d5ce2a71cf37.txt``, in the same run: best of
    ``REPEAT`` runs of ours against ``pysbd.Segmenter(language="en", clean=False,
    char_span=False)`` on the same text. Target: ours at least ``SPEED_TARGET`` times faster.

Usage: ``python benchmarks/bench_sentences.py [--data DIR] [--out DIR]``. Skips (exit 0) when
the data or an optional peer tool is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, best_time, data_file, parse_args, report  # noqa: E402

from doculens.sentences import split_sentences  # noqa: E402

NAME = "sentences"
GOLDEN_RULES = "sentences/english_golden_rules.json"
SEED = REPO / "seeds" / "000_5091d5ce2a71cf37.txt"
REPEAT = 5
SPEED_TARGET = 10.0
GOLDEN_TARGET = 47


def golden_rules(cases: list[dict], segment) -> tuple[int, list[int]]:
    """Count the cases whose segmentation equals the expected sentences; list the failures.

    >>> golden_rules([{"id": 1, "text": "A b. C d.", "sentences": ["A b.", "C d."]}],
    ...              lambda t: [t])
    (0, [1])
    """
    failed = []
    for case in cases:
        got = [s.strip() for s in segment(case["text"]) if s.strip()]
        if got != case["sentences"]:
            failed.append(case["id"])
    return len(cases) - len(failed), failed


def main(argv: list[str] | None = None) -> int:
    """Run both measurements and report them."""
    args = parse_args(__doc__.splitlines()[0], argv)
    cases = json.loads(data_file(args, GOLDEN_RULES).read_text(encoding="utf-8"))
    if not SEED.exists():
        print(f"skipped: {SEED} is absent")
        return 0
    try:
        import pysbd
    except ImportError:
        print("skipped: pysbd is not installed (pip install -e '.[bench]')")
        return 0
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    def ours(text: str) -> list[str]:
        return split_sentences(text)["text"].tolist()

    pysbd_seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    punkt = PunktSentenceTokenizer()

    ours_pass, ours_failed = golden_rules(cases, ours)
    pysbd_pass, pysbd_failed = golden_rules(cases, pysbd_seg.segment)
    punkt_pass, _ = golden_rules(cases, punkt.tokenize)

    seed = SEED.read_text(encoding="utf-8")
    ours_s = best_time(lambda: split_sentences(seed), repeat=REPEAT)
    pysbd_s = best_time(lambda: pysbd_seg.segment(seed), repeat=REPEAT)
    ratio = pysbd_s / ours_s

    results = {
        "golden_rules_cases": len(cases),
        "golden_rules_ours": ours_pass,
        "golden_rules_pysbd": pysbd_pass,
        "golden_rules_punkt_untrained": punkt_pass,
        "golden_rules_ours_failed_ids": ours_failed,
        "golden_rules_pysbd_failed_ids": pysbd_failed,
        "golden_rules_target": f">= {GOLDEN_TARGET}",
        "seed_chars": len(seed),
        "seed_sentences_ours": len(split_sentences(seed)),
        "seed_seconds_ours": ours_s,
        "seed_seconds_pysbd": pysbd_s,
        "speed_ratio_vs_pysbd": ratio,
        "speed_target": f">= {SPEED_TARGET:g}x",
        "targets_met": ours_pass >= GOLDEN_TARGET and ratio >= SPEED_TARGET,
    }
    report(NAME, results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
