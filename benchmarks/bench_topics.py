"""Benchmark doculens.topics (C99) against NLTK's TextTiling on Choi's segmentation data.

Data: ``topics/choi_3-11/*.ref`` (100 documents of Choi's 2000 set, 10 segments of 3-11
sentences each, cut from the Brown corpus; segments separated by ``==========`` lines, one
sentence a line), read from the shared benchmark folder (see ``_common.py``); skipped
cleanly when absent.

Reports, averaged over the documents (lower is better):
- Pk (Beeferman et al. 1999) with k = half the mean reference segment length of the
  document (rounded), the usual convention; computed here and, as a check, with
  ``nltk.metrics.segmentation.pk`` (the two differ only in how many windows they count);
- WindowDiff (Pevzner & Hearst 2002) with the same k;
for: ours with the number of segments chosen automatically (C99's gradient rule), ours
given the true number of segments, NLTK's ``TextTilingTokenizer`` (default settings, our
stop word list so it needs no NLTK data, the sentences joined by blank lines so that its
paragraph breaks are sentence breaks) and the "no boundary" baseline.
Published on the same data: C99 Pk 0.12-0.13, TextTiling 0.46 (Choi 2000); NLTK
TextTiling measured 0.498 and "no boundary" 0.465 (shared/benchmarks/README.md).
Speed: documents per second of ours (automatic) and of NLTK TextTiling in the same run,
best of 2 rounds, interleaved, and their ratio.

Long documents (C99 in blocks of ``topics.BLOCK_SENTENCES`` sentences):
- ``concat_*``: Pk of ours on Choi's documents concatenated into one long document (its
  true boundaries: the segments' and the documents' joins), automatic and known number;
- ``long_1mb_*``, ``long_5mb_*``: ``segment_topics`` on one synthetic document of 1 MB and
  5 MB of text, made of the sentences of the 2016 debates (``stance/debates_2016``, split by
  ``doculens.workbook.build``) repeated and made distinct (each ends with its copy and
  number, which are not words, so C99 sees the debates' own terms), speakers and turns
  kept. Each runs in a fresh process, started before anything big is loaded here (a
  process started by vfork + exec begins with its parent's peak as its ``ru_maxrss``):
  its seconds, its peak memory ``ru_maxrss`` (whole process, the sentences table included)
  and, where there is ``/proc``, ``VmHWM`` (its own peak since exec). Target: completes,
  peak <= 1.5 GB. Skipped when the debates are absent.

Usage: ``python benchmarks/bench_topics.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, best_time, data_file, parse_args, report  # noqa: E402

RELATIVE = "topics/choi_3-11"
SEPARATOR = "=========="
REPEAT = 1
ROUNDS = 2
PUBLISHED = {"C99": "0.12-0.13", "TextTiling (Choi 2000)": 0.46,
             "NLTK TextTiling (measured here)": 0.498, "no boundary": 0.465}
TARGET_PK = 0.15
DEBATES = "stance/debates_2016"
LONG_SIZES_MB = (1, 5)
TARGET_LONG_PEAK = 1.5e9
LONG_TIMEOUT_S = 1800

# Builds the long synthetic documents (argv: debates folder, output folder, sizes in MB).
BUILD_LONG = r'''
import sys
from pathlib import Path
import pandas as pd
from doculens.workbook import build
folder, out = sys.argv[1], Path(sys.argv[2])
s = build([folder]).sentences
texts, speakers, turns = s["text"].tolist(), s["speaker"].tolist(), s["turn_id"].tolist()
span = max(turns) + 1
for mb in sys.argv[3:]:
    rows, pos, k, target = [], 0, 0, int(float(mb) * 1_000_000)
    while pos < target:
        copy, i = divmod(k, len(texts))
        text = f"{texts[i]} [{copy + 1}.{i + 1}]"
        rows.append((k + 1, 1, copy * span + turns[i], speakers[i], pos, pos + len(text), text))
        pos += len(text) + 1
        k += 1
    pd.DataFrame(rows, columns=["sentence_id", "doc_id", "turn_id", "speaker", "start", "end",
                                "text"]).to_parquet(out / f"{mb}mb.parquet", index=False)
'''

# Segments one of them and reports its time and peak memory as JSON.
RUN_LONG = r'''
import json, resource, sys, time
import pandas as pd
from doculens.topics import segment_topics
table = pd.read_parquet(sys.argv[1])
t0 = time.perf_counter()
topics = segment_topics(table)
seconds = time.perf_counter() - t0
assert topics["n_sentences"].sum() == len(table)
hwm = None
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
except OSError:
    pass
print(json.dumps({"sentences": len(table), "text_bytes": int(table["text"].str.len().sum()),
                  "segments": len(topics), "seconds": seconds, "hwm": hwm,
                  "ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
'''


def load(folder: Path) -> list[tuple[str, list[str], list[int]]]:
    """(name, sentences, true boundaries) of every ``.ref`` document, sorted by name."""
    docs = []
    for path in sorted(folder.glob("*.ref"), key=lambda p: (len(p.stem), p.stem)):
        sentences, bounds = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() == SEPARATOR:
                if sentences and (not bounds or bounds[-1] != len(sentences)):
                    bounds.append(len(sentences))
            elif line.strip():
                sentences.append(line.strip())
        bounds = [b for b in bounds if 0 < b < len(sentences)]
        docs.append((path.name, sentences, bounds))
    return docs


def labels(bounds: list[int], n: int) -> list[int]:
    """Segment number of each of ``n`` sentences."""
    out, seg, edges = [], 0, set(bounds)
    for i in range(n):
        if i in edges:
            seg += 1
        out.append(seg)
    return out


def window_k(ref: list[int], n: int) -> int:
    """Half the mean reference segment length, rounded (at least 1)."""
    return max(1, round(n / (len(ref) + 1) / 2))


def pk(ref: list[int], hyp: list[int], n: int, k: int) -> float:
    """Share of sentence pairs k apart on which ref and hyp disagree about "same segment"."""
    r, h = labels(ref, n), labels(hyp, n)
    pairs = range(n - k)
    return sum((r[i] == r[i + k]) != (h[i] == h[i + k]) for i in pairs) / len(pairs)


def windowdiff(ref: list[int], hyp: list[int], n: int, k: int) -> float:
    """Share of windows of k sentence gaps whose number of boundaries differs."""
    r, h = labels(ref, n), labels(hyp, n)
    pairs = range(n - k)
    return sum((r[i + k] - r[i]) != (h[i + k] - h[i]) for i in pairs) / len(pairs)


def boundary_string(bounds: list[int], n: int) -> str:
    """NLTK's encoding: position i is "1" when a boundary follows sentence i."""
    after = {b - 1 for b in bounds}
    return "".join("1" if i in after else "0" for i in range(n))


def texttiling_boundaries(tiler, sentences: list[str]) -> list[int]:
    """Sentence indices at which NLTK TextTiling starts a segment (sentences joined by blank
    lines; each returned piece holds whole sentences). Too short a text is one segment."""
    try:
        pieces = tiler.tokenize("\n\n".join(sentences))
    except ValueError:
        return []
    bounds, seen = [], 0
    for piece in pieces[:-1]:
        seen += sum(1 for part in piece.split("\n\n") if part.strip())
        bounds.append(seen)
    return [b for b in bounds if 0 < b < len(sentences)]


def long_documents(args) -> dict:
    """Seconds and peak memory of ``segment_topics`` on one long document per size, each in
    its own process (see the module docstring); empty when the debates are absent."""
    import os

    root = args.data or Path(os.environ.get("DOCULENS_BENCHMARKS", DEFAULT_DATA))
    debates = Path(root) / DEBATES
    if not debates.is_dir():
        print(f"long documents skipped: {debates} is absent")
        return {}
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [str(mb) for mb in LONG_SIZES_MB]
        subprocess.run([sys.executable, "-c", BUILD_LONG, str(debates), tmp, *sizes],
                       check=True, timeout=LONG_TIMEOUT_S)
        for mb in sizes:
            table = str(Path(tmp) / f"{mb}mb.parquet")
            done = subprocess.run([sys.executable, "-c", RUN_LONG, table], capture_output=True,
                                  text=True, timeout=LONG_TIMEOUT_S)
            key = f"long_{mb}mb"
            if done.returncode:
                results[f"{key}_completed"] = False
                results[f"{key}_error"] = done.stderr.strip().splitlines()[-1:]
                continue
            got = json.loads(done.stdout.strip().splitlines()[-1])
            peak = max(got["ru_maxrss"], got["hwm"] or 0)
            results.update({
                f"{key}_completed": True,
                f"{key}_sentences": got["sentences"],
                f"{key}_text_mb": got["text_bytes"] / 1e6,
                f"{key}_segments": got["segments"],
                f"{key}_seconds": got["seconds"],
                f"{key}_ru_maxrss_gb": got["ru_maxrss"] / 1e9,
                f"{key}_vmhwm_gb": got["hwm"] / 1e9 if got["hwm"] else None,
                f"{key}_target_met": peak <= TARGET_LONG_PEAK,
            })
    results["long_target_peak_gb"] = TARGET_LONG_PEAK / 1e9
    return results


def concatenated(topics, docs) -> dict:
    """Pk of ours on all the documents as one long one (cut into blocks)."""
    sentences, ref = [], []
    for _, s, r in docs:
        if sentences:
            ref.append(len(sentences))
        ref += [len(sentences) + b for b in r]
        sentences += s
    n = len(sentences)
    k = window_k(ref, n)
    stems = [topics.terms(s) for s in sentences]
    auto = topics.find_boundaries(sentences)
    known = topics.find_boundaries(sentences, n_segments=len(ref) + 1)
    return {
        "concat_sentences": n,
        "concat_blocks": len(topics._block_edges(stems, None)[0]) - 1,
        "concat_true_segments": len(ref) + 1,
        "concat_ours_auto_pk": pk(ref, auto, n, k),
        "concat_ours_auto_segments": len(auto) + 1,
        "concat_ours_known_n_pk": pk(ref, known, n, k),
    }


def main(argv: list[str] | None = None) -> None:
    args = parse_args(__doc__.splitlines()[0], argv)
    folder = data_file(args, RELATIVE)
    # first, while this process is small (the measuring processes start from its peak)
    long_results = long_documents(args)

    from nltk.metrics.segmentation import pk as nltk_pk
    from nltk.tokenize.texttiling import TextTilingTokenizer

    from doculens import topics

    docs = load(folder)
    if not docs:
        print(f"skipped: no .ref documents in {folder}")
        return
    tiler = TextTilingTokenizer(stopwords=sorted(topics.STOPWORDS))

    methods = {
        "ours_auto": lambda s, ref: topics.find_boundaries(s),
        "ours_known_n": lambda s, ref: topics.find_boundaries(s, n_segments=len(ref) + 1),
        "nltk_texttiling": lambda s, ref: texttiling_boundaries(tiler, s),
        "no_boundary": lambda s, ref: [],
    }
    scores = {m: {"pk": [], "pk_nltk": [], "windowdiff": [], "segments": []} for m in methods}
    exact = {m: 0 for m in methods}
    for _, sentences, ref in docs:
        n = len(sentences)
        k = window_k(ref, n)
        for name, method in methods.items():
            hyp = method(sentences, ref)
            scores[name]["pk"].append(pk(ref, hyp, n, k))
            scores[name]["pk_nltk"].append(
                nltk_pk(boundary_string(ref, n), boundary_string(hyp, n), k=k))
            scores[name]["windowdiff"].append(windowdiff(ref, hyp, n, k))
            scores[name]["segments"].append(len(hyp) + 1)
            exact[name] += hyp == ref

    def run_ours():
        return [topics.find_boundaries(s) for _, s, _ in docs]

    def run_texttiling():
        return [texttiling_boundaries(tiler, s) for _, s, _ in docs]

    t_ours = t_tt = float("inf")
    for _ in range(ROUNDS):
        t_ours = min(t_ours, best_time(run_ours, repeat=REPEAT))
        t_tt = min(t_tt, best_time(run_texttiling, repeat=REPEAT))

    def mean(values):
        return sum(values) / len(values)

    n_docs = len(docs)
    results = {
        "documents": n_docs,
        "sentences": sum(len(s) for _, s, _ in docs),
        "true_segments_mean": mean([len(ref) + 1 for _, _, ref in docs]),
    }
    for name in methods:
        results[f"{name}_pk"] = mean(scores[name]["pk"])
        results[f"{name}_pk_nltk"] = mean(scores[name]["pk_nltk"])
        results[f"{name}_windowdiff"] = mean(scores[name]["windowdiff"])
        results[f"{name}_segments_mean"] = mean(scores[name]["segments"])
        results[f"{name}_exact_documents"] = exact[name]
    results.update({
        "published_pk": PUBLISHED,
        "target_pk_auto": TARGET_PK,
        "target_met": results["ours_auto_pk"] <= TARGET_PK,
        "ours_docs_per_s": n_docs / t_ours,
        "nltk_texttiling_docs_per_s": n_docs / t_tt,
        "speedup_vs_texttiling": t_tt / t_ours,
    })
    results.update(concatenated(topics, docs))
    results.update(long_results)
    report("topics", results, args)


if __name__ == "__main__":
    main()
