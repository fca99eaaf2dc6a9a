"""Benchmark doculens.stance.analyse on who is for and against whom in the 2016 US debates.

Data: ``stance/debates_2016/`` (licence CC0): the four 2016 general-election debates (three
presidential, one vice-presidential) as ``Full Name: text`` transcripts, and ``gold.json``:
per debate the candidates, the tickets, the targets with their aliases, and the gold pairs
(speaker, target, stance) by rule: each candidate on stage is against every member of the
other ticket and for their own running mate or nominee (24 pairs). Read from the shared
benchmark folder (see ``_common.py``); skipped cleanly when absent.

Methods, all in the same run, each debate segmented once with ``doculens.workbook.build``:
- ours: ``stance.analyse(wb, targets=<the debate's gold targets>)``, its ``by_speaker`` verdict;
- ours, auto: the same with ``targets="auto"``, scored on the gold targets it discovered
  (auto target names matched to gold names exactly);
- the previous implementation (``git show 9bb6653:lib/doculens/stance.py``):
  ``stance_by_speaker(score_mentions(find_mentions(sentences, targets=...)))``;
- always "against";
- VADER mention mean: the sign of the mean ``compound`` of the speaker's sentences that
  name the target by a gold alias (whole word, case-sensitive): favor if > 0, else against;
- VADER relative: that mean minus the speaker's mean ``compound`` over all their sentences.
A baseline with no sentence naming the target has no verdict, which counts as wrong.

Metrics, per debate and pooled:
- accuracy over evaluable pairs (a ``by_speaker`` row for the speaker and target; its stance
  must equal gold, 'neutral', 'insufficient' and 'mixed' count as wrong); the baselines are
  scored on the same pairs, and every method also on all reachable pairs;
- coverage: reachable pairs (the target is on stage, or the speaker names it at least once
  by a gold alias) that get a ``by_speaker`` row, over reachable pairs;
- mentions per reachable pair and their share by ``via`` (name, alias, address, pronoun, role);
- speed: seconds of ``analyse`` over the four debates against the previous pipeline
  (segmentation excluded, best of 3, both warm), as new / old.
Reference (shared/benchmarks/README.md, the stance notebook as of 2026-11-30): 4/12 right,
coverage 12/24; always against 10/12; VADER mention mean 8/12; VADER relative 9/12.

Targets: accuracy >= 0.90, coverage >= 0.95, speed within 2x of the previous implementation.

Usage: ``python benchmarks/bench_stance_debates.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, best_time, data_file, parse_args, report  # noqa: E402

NAME = "stance_debates"
RELATIVE = "stance/debates_2016/gold.json"
OLD_COMMIT, OLD_PATH = "9bb6653", "lib/doculens/stance.py"
VIAS = ("name", "alias", "address", "pronoun", "role")
TARGET_ACCURACY, TARGET_COVERAGE, TARGET_SPEED_RATIO = 0.90, 0.95, 2.0
BASELINES = ("against", "vader", "vader_rel")


def new_stance():
    """The new stance module; exits with a clear message while its API is not in place."""
    try:
        from doculens import stance
    except Exception as err:  # noqa: BLE001 - the package may be mid-rewrite
        sys.exit(f"error: cannot import doculens.stance ({err!r}); this benchmark needs "
                 "the new API doculens.stance.analyse")
    if not hasattr(stance, "analyse"):
        sys.exit("error: doculens.stance has no analyse(): the new stance API is not in "
                 "place yet, and this benchmark measures it")
    return stance


def old_stance():
    """The previous implementation loaded from git, or (None, why it is unavailable)."""
    try:
        source = subprocess.run(["git", "-C", str(REPO), "show", f"{OLD_COMMIT}:{OLD_PATH}"],
                                capture_output=True, text=True, check=True).stdout
        module = types.ModuleType(f"doculens_stance_{OLD_COMMIT}")
        exec(compile(source, f"{OLD_COMMIT}:{OLD_PATH}", "exec"), module.__dict__)
    except subprocess.CalledProcessError as err:
        return None, f"git show {OLD_COMMIT}:{OLD_PATH} failed: {err.stderr.strip()}"
    except Exception as err:  # noqa: BLE001 - no git, or the old source no longer runs
        return None, f"previous implementation unavailable: {err!r}"
    return module, ""


def alias_pattern(aliases: list[str]) -> re.Pattern:
    """Any of ``aliases`` as a whole word, case-sensitive, longest first."""
    body = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def verdicts(by_speaker: pd.DataFrame) -> dict:
    """(speaker, target) -> the by_speaker row."""
    return {(r["speaker"], r["target"]): r for r in by_speaker.to_dict("records")}


def sign_label(value: float | None) -> str | None:
    return None if value is None else ("favor" if value > 0 else "against")


def debate_pairs(key: str, debate: dict, wb, ours, old_table, auto) -> list[dict]:
    """One row per gold pair: reachability, every method's verdict, the mention counts."""
    sentences = wb.sentences
    rows_ours = verdicts(ours.by_speaker)
    rows_old = verdicts(old_table) if old_table is not None else {}
    rows_auto = verdicts(auto.by_speaker)
    discovered = set(auto.targets["target"])
    mentions = ours.mentions
    out = []
    for speaker, target, gold in debate["pairs"]:
        own = sentences[sentences["speaker"] == speaker]
        pattern = alias_pattern(debate["targets"][target])
        named = own["text"].map(lambda t: isinstance(t, str) and bool(pattern.search(t)))
        named_mean = float(own.loc[named, "compound"].mean()) if named.any() else None
        speaker_mean = float(own["compound"].mean()) if len(own) else 0.0
        row = rows_ours.get((speaker, target))
        pair_mentions = mentions[(mentions["speaker"] == speaker) & (mentions["target"] == target)]
        via = pair_mentions["via"].value_counts()
        out.append({
            "debate": key.split("_")[1], "speaker": speaker, "target": target, "gold": gold,
            "reachable": target in debate["candidates"] or bool(named.any()),
            "ours": row["stance"] if row else None,
            "n_mentions": int(row["n_mentions"]) if row else 0,
            "mean": row["mean"] if row else None,
            "ci_low": row["ci_low"] if row else None,
            "ci_high": row["ci_high"] if row else None,
            "mentions": len(pair_mentions),
            **{v: int(via.get(v, 0)) for v in VIAS},
            "old": rows_old[(speaker, target)]["stance"] if (speaker, target) in rows_old
            else None,
            "discovered": target in discovered,
            "auto": rows_auto[(speaker, target)]["stance"] if (speaker, target) in rows_auto
            else None,
            "against": "against",
            "vader": sign_label(named_mean),
            "vader_rel": sign_label(None if named_mean is None else named_mean - speaker_mean),
            "n_named": int(named.sum()),
        })
    return out


def tally(p: pd.DataFrame, method: str, mask: pd.Series) -> tuple[int, int]:
    """(right, scored) of ``method`` on the pairs of ``mask``; no verdict is wrong."""
    return int((p.loc[mask, method] == p.loc[mask, "gold"]).sum()), int(mask.sum())


def rate(counts: tuple[int, int]) -> float | None:
    return counts[0] / counts[1] if counts[1] else None


def summary(p: pd.DataFrame, with_old: bool) -> dict:
    """Every method's (right, scored) counts on one debate or the pool."""
    has, reach = p["ours"].notna(), p["reachable"]
    out = {"ours": tally(p, "ours", has), "coverage": (int((has & reach).sum()), int(reach.sum())),
           "ours_on_reachable": tally(p, "ours", reach)}
    for name in BASELINES:
        out[name] = tally(p, name, has)
        out[f"{name}_on_reachable"] = tally(p, name, reach)
    if with_old:
        old_has = p["old"].notna()
        out["old"] = tally(p, "old", old_has)
        out["old_coverage"] = (int((old_has & reach).sum()), int(reach.sum()))
        out["old_on_ours_pairs"] = tally(p, "old", has)
        out["old_on_reachable"] = tally(p, "old", reach)
    found, auto_has = p["discovered"], p["auto"].notna()
    out["auto"] = tally(p, "auto", found & auto_has)
    out["auto_coverage"] = (int((found & auto_has & reach).sum()), int((found & reach).sum()))
    return out


def mention_stats(p: pd.DataFrame) -> dict:
    """Mentions per reachable pair (mean, range) and their shares by ``via``."""
    reach = p[p["reachable"]]
    total = int(reach["mentions"].sum())
    out = {"mentions_per_reachable_pair": total / len(reach) if len(reach) else 0.0,
           "mentions_per_reachable_pair_range":
               f"{reach['mentions'].min()}-{reach['mentions'].max()}" if len(reach) else "-"}
    for via in VIAS:
        out[f"share_via_{via}"] = int(reach[via].sum()) / total if total else None
    return out


def shown(counts: tuple[int, int]) -> str:
    return f"{counts[0]}/{counts[1]}"


def print_pairs(p: pd.DataFrame) -> None:
    table = p.assign(reach=p["reachable"].map({True: "yes", False: "no"}))
    cols = ["debate", "speaker", "target", "gold", "ours", "n_mentions", "mean", "ci_low",
            "ci_high", *VIAS, "reach", "old", "auto"]
    table = table[cols].rename(columns={"n_mentions": "n"})
    for col in ("mean", "ci_low", "ci_high"):
        table[col] = table[col].map(lambda x: "-" if pd.isna(x) else f"{x:+.3f}")
    print(table.astype(object).fillna("-").to_string(index=False))


def main(argv: list[str] | None = None) -> None:
    args = parse_args(__doc__.splitlines()[0], argv)
    gold_path = data_file(args, RELATIVE)
    stance = new_stance()
    from doculens import workbook

    debates = json.loads(gold_path.read_text(encoding="utf-8"))["debates"]
    books = {key: workbook.build([gold_path.parent / d["file"]]) for key, d in debates.items()}
    old, old_why = old_stance()

    def run_old(key):
        sentences, targets = books[key].sentences, debates[key]["targets"]
        return old.stance_by_speaker(old.score_mentions(old.find_mentions(sentences,
                                                                          targets=targets)))

    rows = []
    for key, debate in debates.items():
        wb = books[key]
        ours = stance.analyse(wb, targets=debate["targets"], min_mentions=1, n_evidence=3)
        auto = stance.analyse(wb, targets="auto", min_mentions=1, n_evidence=3)
        rows += debate_pairs(key, debate, wb, ours, run_old(key) if old else None, auto)
    pairs = pd.DataFrame(rows)  # debates shown as p1, p2, p3, vp
    print_pairs(pairs)

    results: dict = {"debates": len(debates), "gold_pairs": len(pairs),
                     "reachable_pairs": int(pairs["reachable"].sum())}
    missed_all = []
    for key, debate in debates.items():
        short = key.split("_")[1]
        here = pairs[pairs["debate"] == short]
        s = summary(here, old is not None)
        per_pair = mention_stats(here)["mentions_per_reachable_pair"]
        found = set(here.loc[here["discovered"], "target"])
        missed = sorted(set(debate["targets"]) - found)
        missed_all += [f"{short}: {target}" for target in missed]
        text = (f"ours {shown(s['ours'])}, coverage {shown(s['coverage'])}; against "
                f"{shown(s['against'])}, vader {shown(s['vader'])}, vader_rel "
                f"{shown(s['vader_rel'])}; auto {shown(s['auto'])} (coverage "
                f"{shown(s['auto_coverage'])}, missed: {', '.join(missed) or 'none'})")
        text += f"; {per_pair:.1f} mentions per reachable pair"
        if old is not None:
            text += f"; old {shown(s['old'])} (coverage {shown(s['old_coverage'])})"
        results[f"debate_{short}"] = text

    for name, counts in summary(pairs, old is not None).items():
        results[name] = shown(counts)
        results[f"{name}_{'rate' if 'coverage' in name else 'accuracy'}"] = rate(counts)
    results["auto_missed_targets"] = missed_all

    results.update(mention_stats(pairs))

    targets = {key: d["targets"] for key, d in debates.items()}
    t_new = best_time(lambda: [stance.analyse(books[k], targets=targets[k]) for k in books])
    results["new_seconds"] = t_new
    if old is not None:
        t_old = best_time(lambda: [run_old(k) for k in books])
        results["old_seconds"] = t_old
        results["speed_ratio_new_vs_old"] = t_new / t_old
    else:
        results["speed_ratio_new_vs_old"] = f"skipped: {old_why}"

    ratio = results["speed_ratio_new_vs_old"]
    results.update({
        "accuracy_target": TARGET_ACCURACY, "coverage_target": TARGET_COVERAGE,
        "speed_ratio_target": TARGET_SPEED_RATIO,
        "accuracy_met": (results["ours_accuracy"] or 0.0) >= TARGET_ACCURACY,
        "coverage_met": (results["coverage_rate"] or 0.0) >= TARGET_COVERAGE,
        "speed_met": ratio <= TARGET_SPEED_RATIO if isinstance(ratio, float) else "skipped",
    })
    report(NAME, results, args)
    # the per-pair table printed above, also kept in the JSON (not in the printed summary)
    out = args.out / f"{NAME}.json"
    saved = json.loads(out.read_text())
    saved["pairs"] = json.loads(pairs.to_json(orient="records"))
    out.write_text(json.dumps(saved, indent=2) + "\n")


if __name__ == "__main__":
    main()
