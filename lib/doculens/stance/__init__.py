"""Stance: where each speaker stands on the people and institutions they talk about.

One call does it all, as ``vaderSentiment`` does for sentiment::

    result = stance.analyse(workbook, targets="auto")
    result.by_speaker  # one verdict per speaker and target, with a 95% interval and evidence

The steps, each a module and a pure function on DataFrames:

1. :mod:`~doculens.stance.targets` -- what to look for: the ``targets`` parameter in any of
   its forms, or targets discovered in the transcript (``"auto"``), with name forms;
2. :mod:`~doculens.stance.mentions` -- who is meant: names, aliases, "you" (the person
   addressed), "he"/"she" (the one person of that gender just named), "my opponent", "the
   governor"; each mention says ``via`` which path found it;
3. :mod:`~doculens.stance.polarity` -- how the mention's clause speaks of it (VADER's
   valences and rules, a stance lexicon, distance weights, clause boundaries);
4. :mod:`~doculens.stance.statements` -- what kind of statement it is (an evaluation, an
   act, the speaker's attitude, an alliance, a comparison, a courtesy, reported speech, a
   rhetorical question) and so what it may count for;
5. :mod:`~doculens.stance.verdicts` -- per speaker (and document) and target: the mean of
   sentence scores with a 95% interval, a verdict decided from the interval, ``relative``
   (how the target stands out from the speaker's other targets) and evidence both ways;
6. :mod:`~doculens.stance.views` -- the evidence as escaped HTML.

Word lists are reviewed data files (``doculens/data/stance_*``), each with its source and
licence. Limits: irony, quotes without quotation marks or a reporting verb, and pronouns
that reach across turns are beyond these rules; read the evidence before quoting a verdict.

>>> import pandas as pd
>>> s = pd.DataFrame({"sentence_id": [1, 2, 3, 4], "doc_id": [1] * 4, "turn_id": [1, 2, 2, 2],
...     "speaker": ["Ann Lee", "Bob Day", "Bob Day", "Bob Day"], "start": [0, 20, 50, 80],
...     "end": [19, 49, 79, 110], "is_question": [False] * 4,
...     "text": ["Bob, what went on?", "Ann, you lied to the voters.", "Your record is a disaster.",
...              "You failed every family here."]})
>>> r = analyse(s, targets=["Ann Lee", "Bob Day"])
>>> r.by_speaker[["speaker", "target", "stance", "n_mentions", "n_address"]].values.tolist()
[['Bob Day', 'Ann Lee', 'against', 4, 3], ['Ann Lee', 'Bob Day', 'insufficient', 1, 0]]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from doculens.stance.lexicon import DOMAIN_NEUTRAL, STANCE_LEXICON, STATEMENT_CUES
from doculens.stance.mentions import MENTION_COLUMNS, VIA, find_mentions, prepare_targets
from doculens.stance.polarity import (AGAINST, AGAINST_THRESHOLD, DEFAULT_WINDOW, FAVOR,
                                      FAVOR_THRESHOLD, NEUTRAL, label_of, reported_cue,
                                      target_polarity)
from doculens.stance.statements import KINDS, classify, score_mentions
from doculens.stance.targets import (AUTO, TARGET_COLUMNS, TargetError, discover_targets,
                                     parse_targets)
from doculens.stance.verdicts import (DEFAULT_EVIDENCE, DOCUMENT_COLUMNS, EVIDENCE_COLUMNS,
                                      INSUFFICIENT, MIN_SENTENCES, SPEAKER_COLUMNS,
                                      evidence, stance_by_document, stance_by_speaker)
from doculens.stance.views import evidence_html, highlighted, show_mentions, targets_html

__all__ = [
    "analyse", "StanceResult", "parse_targets", "discover_targets", "find_mentions",
    "score_mentions", "classify", "stance_by_speaker", "stance_by_document", "evidence",
    "target_polarity", "label_of", "reported_cue", "evidence_html", "highlighted",
    "show_mentions", "targets_html", "TargetError", "AUTO", "VIA", "KINDS", "INSUFFICIENT",
    "AGAINST", "FAVOR", "NEUTRAL", "AGAINST_THRESHOLD", "FAVOR_THRESHOLD", "DEFAULT_WINDOW",
    "DEFAULT_EVIDENCE", "MIN_SENTENCES", "TARGET_COLUMNS", "MENTION_COLUMNS", "SCORED_COLUMNS",
    "SPEAKER_COLUMNS", "DOCUMENT_COLUMNS", "EVIDENCE_COLUMNS", "STANCE_LEXICON",
    "DOMAIN_NEUTRAL", "STATEMENT_CUES",
]

#: columns of ``stance_mentions``: the mention, then how it was judged.
SCORED_COLUMNS = MENTION_COLUMNS + ["kind", "score", "stance", "cues", "reported"]


@dataclass
class StanceResult:
    """The tables of one stance analysis (see the README for every column)."""

    targets: pd.DataFrame
    mentions: pd.DataFrame
    by_speaker: pd.DataFrame
    by_document: pd.DataFrame
    evidence: pd.DataFrame
    automatic: bool

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by the names the notebook saves them under."""
        return {"stance_targets": self.targets, "stance_mentions": self.mentions,
                "stance_by_speaker": self.by_speaker, "stance_by_document": self.by_document,
                "stance_evidence": self.evidence}


def _given_targets(spec: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for t in prepare_targets(spec):
        aliases = list(dict.fromkeys(t.aliases + list(t.forms)))
        rows.append((t.name, "person" if t.person else "institution", "; ".join(aliases),
                     "parameter", 0))  # n_named: counted by discovery only
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def analyse(data, *, targets="auto", speakers: pd.DataFrame | None = None,
            min_mentions: int = 1, n_evidence: int = DEFAULT_EVIDENCE,
            window: int = DEFAULT_WINDOW, base_dir=None) -> StanceResult:
    """Stance of every speaker toward every target in ``data`` (a Workbook, or a sentences
    table with ``sentence_id, doc_id, turn_id, speaker, start, end, text, is_question``).

    ``targets`` takes any form :func:`parse_targets` reads (``"auto"``, a name, a list, a
    dict of name -> aliases, a YAML or JSON file); ``speakers`` is the roster (taken from a
    Workbook when not given). ``min_mentions`` and ``n_evidence`` shape the verdict tables.
    """
    spec = parse_targets(targets, base_dir=base_dir)
    if speakers is None and hasattr(data, "sentences"):
        # a Workbook: computed once per run and shared by the notebooks that ask the same
        # (03_stance and 00_overview), see doculens.memo
        from doculens.memo import remember

        return remember(data, "stance", lambda: _analyse(data.sentences, data.speakers, spec,
                                                          min_mentions, n_evidence, window),
                        targets=spec, min_mentions=min_mentions, n_evidence=n_evidence,
                        window=window)
    return _analyse(getattr(data, "sentences", data), speakers, spec, min_mentions, n_evidence,
                    window)


def _analyse(sentences, speakers, spec, min_mentions, n_evidence, window) -> StanceResult:
    automatic = spec == AUTO
    if automatic:
        table = discover_targets(sentences, speakers=speakers)
        spec = {r.target: [a for a in r.aliases.split("; ") if a] for r in table.itertuples()}
    else:
        table = _given_targets(spec)
    if spec:
        mentions = find_mentions(sentences, targets=spec, speakers=speakers)
    else:
        mentions = pd.DataFrame(columns=MENTION_COLUMNS)
    scored = score_mentions(mentions, window=window) if len(mentions) else \
        mentions.reindex(columns=SCORED_COLUMNS)
    scored = scored.reindex(columns=SCORED_COLUMNS)
    scored = scored.astype({"kind": "object", "stance": "object", "cues": "object",
                            "reported": "object", "score": "float64", "vocative": "bool"})
    counts = scored["target"].value_counts()
    table["n_mentions"] = [int(counts.get(t, 0)) for t in table["target"]]
    table = table.astype({"n_named": "int64", "n_mentions": "int64"})
    from doculens.stance.verdicts import _best_records

    records = _best_records(scored) if len(scored) else []  # (shared by the three tables)
    by_speaker = stance_by_speaker(scored, min_mentions=min_mentions, n_evidence=n_evidence,
                                   _records=records)
    by_document = stance_by_document(scored, min_mentions=min_mentions, n_evidence=n_evidence,
                                     _records=records)
    proof = evidence(scored, by_speaker, n=n_evidence, _records=records)
    return StanceResult(table, scored, by_speaker, by_document, proof, automatic)
