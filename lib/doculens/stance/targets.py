"""Stance targets: what the user asked for, or what the transcript names, with its name forms.

A target is a person or an institution with the words that name it. :func:`parse_targets`
reads every form the ``targets`` parameter takes; :func:`discover_targets` finds targets in
the transcript when it is ``"auto"``; :func:`name_forms` derives the ways a person is named
("Alice Moreno": "Moreno", "Alice", "Secretary Moreno" where that title is hers).

>>> parse_targets(["Ann Lee", "Acme Corp"])
{'Ann Lee': ['Ann Lee'], 'Acme Corp': ['Acme Corp']}
>>> parse_targets("auto"), parse_targets("Putin")
('auto', {'Putin': ['Putin']})
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from doculens.speakers import SENTENCE_START, TITLES, common_words

__all__ = ["AUTO", "TARGET_COLUMNS", "TargetError", "parse_targets", "discover_targets",
           "is_person_name", "name_forms", "moderators", "ORG_HEADS"]

AUTO = "auto"
TARGET_COLUMNS = ["target", "kind", "aliases", "source", "n_named"]
#: a recurring name becomes an automatic target when named at least this often.
MIN_AUTO_MENTIONS = 3
#: at most this many automatic targets beyond the speakers, the most named first.
MAX_AUTO_TARGETS = 10
#: moderator detection: at least this share of a speaker's sentences are questions ...
MODERATOR_QUESTION_SHARE = 0.2
#: ... in a document with at least this many labelled speakers.
MODERATOR_MIN_SPEAKERS = 3

# Honorifics that say a person's gender (used to keep "Mr. Moreno" from a woman named
# Moreno). Our list.
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam"})
HONORIFICS = MALE_HONORIFICS | FEMALE_HONORIFICS | {"dr", "dr.", "prof", "prof."}
# Titles of office, written before a name ("Governor Reyes", "Senator Park"): from
# doculens.speakers.TITLES plus common offices. Our list.
OFFICE_TITLES = frozenset(t for t in TITLES if t not in HONORIFICS) | frozenset("""
congressman congresswoman representative rep. speaker leader chancellor king queen prince
princess justice chief commissioner admiral colonel captain lieutenant sergeant
""".split())
# Head words that make a capitalised name an institution ("the Communist Party", "the
# Federal Reserve Board"). Our list, general English.
ORG_HEADS = frozenset("""
party foundation department administration agency bureau ministry army navy force forces
congress senate house court council committee commission government company corporation
corp inc ltd group bank fund union association organization organisation institute
university college school church network times post journal news media press office
service services board reserve federation alliance coalition movement league front
campaign authority republic state republicans democrats conservatives liberals
""".split())
# Countries (single words; runs of several are in PLACES): a name ending in one ("Communist
# China") is no person. Facts, not a copied list.
COUNTRIES = frozenset("""
america china russia india japan korea iran iraq syria israel palestine mexico canada
britain england france germany italy spain ukraine turkey egypt pakistan afghanistan
taiwan tibet vietnam cuba venezuela brazil argentina australia europe africa asia libya
yemen lebanon jordan qatar nigeria kenya ethiopia poland hungary greece sweden norway
mongolia xinjiang beijing shanghai moscow washington
""".split())
# Words of a capitalised run that make it a place, a time or a thing rather than a person
# or institution (our list, general English): place heads as its last word, directions as
# its first, calendar and event words anywhere. ("Park" and "Bay" are left out: they are
# also surnames.)
PLACE_HEADS = frozenset("""
street avenue road square sea ocean river lake mountain mountains island islands valley
city county province region strait gulf bridge airport station coast desert
olympics games cup festival summit war act plan program award prize
""".split())
DIRECTIONS = frozenset("north south east west northern southern eastern western central".split())
CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december christmas easter
""".split())
NOT_TARGET_WORDS = PLACE_HEADS | DIRECTIONS | CALENDAR
# Multi-word place names common in news and politics; single words never become automatic
# targets, so only runs of capitalised words are listed. Facts, not a copied list.
PLACES = frozenset(p.lower() for p in """
United States|United Kingdom|Great Britain|Soviet Union|Middle East|Far East|New York|
New Jersey|New Hampshire|New Mexico|New England|New Zealand|New Delhi|New Orleans|
Rhode Island|West Virginia|Hong Kong|Sri Lanka|Saudi Arabia|South Africa|Costa Rica|
Puerto Rico|El Salvador|Czech Republic|Dominican Republic|Los Angeles|San Francisco|
San Diego|San Antonio|Las Vegas|Silicon Valley|Wall Street|Main Street|Latin America|
Tel Aviv|Abu Dhabi|Mexico City|Kuala Lumpur|Buenos Aires|St Louis|St. Louis|Washington DC|
Washington D.C.|Tiananmen Square|Inner Mongolia|Little Rock|Des Moines|Salt Lake City|
Pearl Harbor|Ground Zero|Capitol Hill
""".replace("\n", "").split("|"))
# All-caps words that are not institutions (our list).
NOT_ACRONYMS = frozenset("""
I A OK TV US USA UK AM PM ID II III IV DC U.S. CEO CFO GDP DNA AIDS COVID ET PT EST PST
LOL OMG FYI AKA VS NO YES
""".split())
# Nationalities and peoples (our list): a run holding one ("Mainland Chinese") is no person.
DEMONYMS = frozenset("""
american americans chinese russian russians british english french german germans japanese
korean koreans indian indians iranian iranians iraqi syrian israeli israelis palestinian
mexican mexicans canadian european europeans african asian arab arabs muslim muslims
christian christians jewish taiwanese tibetan uyghur uyghurs ukrainian ukrainians turkish
italian spanish brazilian australian vietnamese cuban afghan pakistani saudi egyptian
""".split())
STOP_LEADS = frozenset("""
the a an and but or so if when then now well yes no oh because as at by for from in into
of on to with without this that these those my our your his her their its we i you he she
they it mr mrs ms dr also even just only not never ever every each both all some any many
much more most very what which who whom whose why how where while although though since
after before until unless than like said says say tell told ask asked thank thanks dear
""".split())

_CAP_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)*"
_NAME_RUN = re.compile(rf"(?<![\w'’.]){_CAP_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_CAP_WORD})*")
_WORD_RUN = re.compile(r"\w+")
_ACRONYM = re.compile(r"(?<![\w.])[A-Z]{2,6}(?![\w.])")


class TargetError(ValueError):
    """A ``targets`` value that cannot be used; the message is one line for the user."""


def _alias_list(name: str, aliases) -> list[str]:
    if isinstance(aliases, str):
        aliases = [aliases]
    if aliases is None:
        aliases = []
    if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) for a in aliases):
        raise TargetError(f"targets: the aliases of {name!r} must be a string or a list of "
                          f"strings, not {aliases!r}")
    out = [a.strip() for a in aliases if a.strip()]
    return out or [name]


def parse_targets(value, *, base_dir: str | Path | None = None) -> str | dict[str, list[str]]:
    """Read a ``targets`` parameter: ``"auto"``, or a dict of target name -> aliases.

    Accepted: ``"auto"``; a dict of name -> alias or list of aliases; a list of names; one
    name; a path to a ``.json``, ``.yaml`` or ``.yml`` file holding any of these (relative
    paths from ``base_dir``, else the current folder). Anything else raises
    :class:`TargetError` with a one-line message.

    >>> parse_targets({"CCP": ["CCP", "the Party"], "Xi Jinping": "Xi"})
    {'CCP': ['CCP', 'the Party'], 'Xi Jinping': ['Xi']}
    >>> parse_targets([1, 2])
    Traceback (most recent call last):
    ...
    doculens.stance.targets.TargetError: targets: a list of targets must hold names (strings), not 1
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise TargetError("targets: an empty name; use 'auto' or name a person or institution")
        if text.lower() == AUTO:
            return AUTO
        if text.lower().endswith((".json", ".yaml", ".yml")):
            return _read_file(text, base_dir)
        return {text: [text]}
    if isinstance(value, dict):
        if not value:
            raise TargetError("targets: the dict is empty; use 'auto' or name at least one target")
        out = {}
        for name, aliases in value.items():
            if not isinstance(name, str) or not name.strip():
                raise TargetError(f"targets: a target name must be a non-empty string, not {name!r}")
            out[name.strip()] = _alias_list(name.strip(), aliases)
        return out
    if isinstance(value, (list, tuple)):
        if not value:
            raise TargetError("targets: the list is empty; use 'auto' or name at least one target")
        out = {}
        for name in value:
            if not isinstance(name, str) or not name.strip():
                raise TargetError(f"targets: a list of targets must hold names (strings), not {name!r}")
            out[name.strip()] = [name.strip()]
        return out
    raise TargetError(f"targets: expected 'auto', a name, a list of names, a dict of name -> "
                      f"aliases or a .json/.yaml file, not {value!r}")


def _read_file(text: str, base_dir) -> dict[str, list[str]]:
    path = Path(text).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    if not path.is_file():
        raise TargetError(f"targets: file not found: {path}")
    try:
        raw = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise TargetError(f"targets: cannot read {path}: {str(err).splitlines()[0]}")
    except Exception as err:  # yaml.YAMLError and kin
        raise TargetError(f"targets: cannot read {path}: {type(err).__name__}: "
                          f"{str(err).splitlines()[0] if str(err) else ''}")
    if isinstance(data, str) and data.strip().lower().endswith((".json", ".yaml", ".yml")):
        raise TargetError(f"targets: {path} names another file; give the targets themselves")
    if data is None:
        raise TargetError(f"targets: {path} is empty")
    result = parse_targets(data)
    if result == AUTO:
        raise TargetError(f"targets: {path} says 'auto'; pass 'auto' directly instead")
    return result


# --------------------------------------------------------------------------------------
# Name forms
# --------------------------------------------------------------------------------------


def _words(name: str) -> list[str]:
    return name.replace("’", "'").split()


def is_person_name(name: str) -> bool:
    """Does ``name`` look like a person's name: two to four capitalised words, none an
    institution's head word, not all capitals?

    >>> is_person_name("Alice Moreno"), is_person_name("Communist Party"), is_person_name("CCP")
    (True, False, False)
    """
    words = [w for w in _words(name) if w.lower() not in HONORIFICS and w.lower() not in OFFICE_TITLES]
    if not 2 <= len(words) <= 4:
        return False
    if any(w.lower().strip(".,") in ORG_HEADS for w in words):
        return False
    return all(w[:1].isupper() and not w.isupper() for w in words if len(w) > 2 or w[-1:] != ".")


def name_forms(name: str, *, first_name_ok: bool = True) -> dict[str, str]:
    """Ways a person's name is written: full name, surname and (when ``first_name_ok``) the
    first name; ``form -> part`` where part is ``full``, ``surname`` or ``first``.

    >>> name_forms("Alice Maria Moreno")
    {'Alice Maria Moreno': 'full', 'Alice Moreno': 'full', 'Moreno': 'surname', 'Alice': 'first'}
    """
    words = [w for w in _words(name) if w.lower() not in HONORIFICS and w.lower() not in OFFICE_TITLES]
    if not words:
        return {}
    forms = {" ".join(words): "full"}
    if len(words) >= 2:
        forms[f"{words[0]} {words[-1]}"] = "full"
        if len(words[-1]) >= 2:
            forms[words[-1]] = "surname"
        if first_name_ok and len(words[0]) >= 3 and not words[0].endswith("."):
            forms.setdefault(words[0], "first")
    return forms


# --------------------------------------------------------------------------------------
# Moderators
# --------------------------------------------------------------------------------------


def moderators(sentences: pd.DataFrame, speakers: pd.DataFrame | None = None) -> set[str]:
    """Speakers who moderate: a roster role naming the function (moderator, host, anchor,
    interviewer, presenter), or, in a document with at least three labelled speakers, the
    one whose share of questions is highest and at least :data:`MODERATOR_QUESTION_SHARE`,
    and the one who opens the document when they ask questions at least as often as the
    others typically do.

    >>> s = pd.DataFrame({"doc_id": [1] * 6, "speaker": ["M", "A", "B", "M", "A", "B"],
    ...     "is_question": [True, False, False, True, False, True]})
    >>> sorted(moderators(s))
    ['M']
    """
    found: set[str] = set()
    if speakers is not None and len(speakers) and "role" in speakers:
        for name, role in zip(speakers["speaker"], speakers["role"].fillna("")):
            if re.search(r"\b(moderat\w*|host|anchor|interviewer|presenter)\b", str(role), re.I):
                found.add(name)
    if not len(sentences) or "is_question" not in sentences:
        return found
    data = sentences[sentences["speaker"].fillna("").astype(str) != ""]
    for _, doc in data.groupby("doc_id"):
        shares = doc.groupby("speaker")["is_question"].mean()
        if len(shares) < MODERATOR_MIN_SPEAKERS:
            continue
        top = shares.sort_values(ascending=False)
        if top.iloc[0] >= MODERATOR_QUESTION_SHARE and top.iloc[0] > top.iloc[1]:
            found.add(top.index[0])
        # the one who opens the document and asks questions at least as often as the
        # others typically do is its host or moderator
        opener = doc["speaker"].iloc[0]
        others = shares.drop(opener)
        if shares[opener] > 0 and shares[opener] >= others.median():
            found.add(opener)
    return found


# --------------------------------------------------------------------------------------
# Automatic targets
# --------------------------------------------------------------------------------------


def _clean_run(run: str, common: set[str], *, initial: bool) -> str:
    """A capitalised run without possessives, without a leading function word, or at the
    start of a sentence a leading common word ("During Xi Jinping's" -> "Xi Jinping"), and
    without trailing "of"/"the". A name's possessive ends the run: "Han's Facebook group"
    names Han, not a "Han Facebook" (a common word's possessive stays inside an
    institution's name: "the Children's Defense Fund")."""
    words = []
    for word in run.split():
        bare = re.sub(r"['’]s$", "", word)
        words.append(bare)
        if bare != word and bare.lower() not in common:
            break
    while words and (words[0].lower().strip("'’") in STOP_LEADS
                     or (initial and words[0].lower() in common)):
        words = words[1:]
        initial = False
    while words and words[-1].lower() in {"of", "the"}:
        words = words[:-1]
    return " ".join(words)


def _counts(texts: list[str], common: set[str]) -> tuple[Counter, Counter, Counter]:
    """Counts of capitalised runs (see :func:`_clean_run`), of single capitalised words,
    and of acronyms."""
    runs: Counter = Counter()
    singles: Counter = Counter()
    acronyms: Counter = Counter()
    for text in texts:
        for m in _NAME_RUN.finditer(text):
            initial = bool(SENTENCE_START.search(text[:m.start()]))
            run = _clean_run(m.group(), common, initial=initial)
            if not run:
                continue
            if " " in run:
                runs[run] += 1
            else:
                singles[run] += 1
        for m in _ACRONYM.finditer(text):
            acronyms[m.group()] += 1
    return runs, singles, acronyms


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def discover_targets(sentences: pd.DataFrame, *, speakers: pd.DataFrame | None = None,
                     min_mentions: int = MIN_AUTO_MENTIONS,
                     max_targets: int = MAX_AUTO_TARGETS) -> pd.DataFrame:
    """Targets found in the transcript, for ``targets="auto"``. Columns :data:`TARGET_COLUMNS`.

    * ``speaker``: labelled speakers (not moderators, not the narrator) whom another speaker
      names at least once, by full name, surname or first name.
    * ``person``: names of two to four capitalised words named at least ``min_mentions``
      times (the surname alone counts once the full name has appeared), and ``Title Name``
      ("President Obama") runs.
    * ``institution``: runs ending in an institution's head word ("the Communist Party",
      "the Federal Reserve") and acronyms ("NATO", "FBI"), at least ``min_mentions`` times.

    Places, dates and the single words of sentence starts are left out. At most
    ``max_targets`` people and institutions beyond the speakers, the most named first.
    ``aliases`` joins the name forms with ``"; "``; ``n_named`` counts the mentions seen.

    >>> s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1, 1, 1], "speaker": ["Ann Lee", "Bob Day", "Bob Day"],
    ...     "is_question": [False] * 3, "text": ["Bob, the Acme Group lied.", "Ann is wrong about the Acme Group.",
    ...     "The Acme Group paid."]})
    >>> discover_targets(s)[["target", "kind", "n_named"]].values.tolist()
    [['Ann Lee', 'speaker', 1], ['Bob Day', 'speaker', 1], ['Acme Group', 'institution', 3]]
    """
    rows = []
    texts_by_speaker: dict[str, list[str]] = {}
    for speaker, text in zip(sentences["speaker"].fillna("").astype(str), sentences["text"]):
        texts_by_speaker.setdefault(speaker, []).append(text if isinstance(text, str) else "")
    mods = moderators(sentences, speakers)
    labelled = [s for s in texts_by_speaker if s and s.lower() not in {"narrator", "unknown"}
                and s not in mods]
    first_names = Counter(_words(s)[0] for s in labelled if len(_words(s)) >= 2)
    taken: set[str] = set()
    # which sentences hold each word: a speaker's name forms are looked for only in the
    # sentences that hold their first word (not in every sentence once per speaker, which
    # grows with the square of a corpus)
    holders: dict[str, list[tuple[str, int]]] = {}
    for other, texts in texts_by_speaker.items():
        for i, t in enumerate(texts):
            for word in set(_WORD_RUN.findall(t)):
                holders.setdefault(word, []).append((other, i))
    for speaker in labelled:
        forms = name_forms(speaker, first_name_ok=first_names[_words(speaker)[0]] == 1) \
            if len(_words(speaker)) >= 2 else {speaker: "full"}
        pattern = re.compile(r"(?<![\w'’])(?:%s)(?![\w])" % "|".join(
            re.escape(f) for f in sorted(forms, key=len, reverse=True)))
        firsts = [_WORD_RUN.match(f) for f in forms]
        if all(firsts):
            candidates = {key for f in firsts for key in holders.get(f.group(), ())}
        else:
            candidates = {(o, i) for o, ts in texts_by_speaker.items() for i in range(len(ts))}
        n = sum(len(pattern.findall(texts_by_speaker[o][i])) for o, i in candidates if o != speaker)
        if n >= 1:
            rows.append((speaker, "speaker", "; ".join(forms), "speaker label", n))
            taken.update(f.lower() for f in forms)
    texts = [t for ts in texts_by_speaker.values() for t in ts]
    common = common_words(texts)
    runs, singles, acronyms = _counts(texts, common)
    found = []
    for run, n in runs.items():
        words = run.split()
        lower = [w.lower() for w in words]
        if run.lower() in PLACES or run.lower() in taken or lower[-1] in PLACE_HEADS \
                or lower[0] in DIRECTIONS or any(w in CALENDAR for w in lower):
            continue
        if lower[-1] in ORG_HEADS:
            found.append((run, "institution", run, n))
            continue
        titles = [w for w in lower if w in OFFICE_TITLES or w in HONORIFICS]
        if titles and lower[0] in titles and not set(lower[len(titles):]) & set(titles):
            rest = words[len(titles):]
            if len(rest) == 1:  # "President Obama": the person named by title and surname
                if rest[0].lower() not in common and rest[0].lower() not in COUNTRIES:
                    found.append((rest[0], "person", f"{run}; {rest[0]}", n))
                continue
            words, lower = rest, [w.lower() for w in rest]  # "Senator Tim Scott"
            run_alias = run
        else:
            run_alias = ""
        if titles and not run_alias:
            continue
        if not 2 <= len(words) <= 4 or any(w in common or w in DEMONYMS for w in lower) \
                or lower[-1] in COUNTRIES:
            continue
        name = " ".join(words)
        plural = lower[-1].endswith("s") and not lower[-1].endswith("ss") and (
            lower[-1][:-1] in common or lower[-1][:-1] in OFFICE_TITLES)
        if plural:
            found.append((name, "institution", name, n))  # "Democrat Governors": a group
            continue
        surname = words[-1]
        aliases = "; ".join(a for a in (name, surname, run_alias) if a)
        found.append((name, "person", aliases, n + singles.get(surname, 0)))
        continue
    # an acronym and the names it abbreviates are one target ("CCP", "Chinese Communist Party")
    expansions: dict[str, list] = {}
    for name, kind, _, n in found:
        if kind == "institution" and len(_initials(name)) >= 2:
            expansions.setdefault(_initials(name), []).append((n, name))
    for word, n in acronyms.items():
        if word in NOT_ACRONYMS or word.lower() in taken:
            continue
        if word in expansions:
            names = [name for _, name in sorted(expansions[word], reverse=True)]
            found.append((names[0], "institution", "; ".join(names + [word]), n))
        elif len(word) >= 3:
            found.append((word, "institution", word, n))
    # one row per name: "President Obama" and "Barack Obama" are one person
    merged: dict[tuple, list] = {}
    full_names: dict[str, set[str]] = {}
    for name, kind, _, _ in found:
        if kind == "person" and " " in name:
            full_names.setdefault(name.split()[-1].lower(), set()).add(name.split()[0].lower())
    for name, kind, aliases, n in found:
        if kind == "person":
            surname = name.split()[-1].lower()
            first = name.split()[0].lower() if " " in name else None
            if first is None and len(full_names.get(surname, ())) == 1:
                first = next(iter(full_names[surname]))  # "President Obama" is "Barack Obama"
            key = ("person", surname, first)
        else:
            key = ("institution", _initials(name) if len(_initials(name)) >= 2 else name.lower())
        if name.lower() in taken or (kind == "person" and name.split()[-1].lower() in taken
                                     and key[2] is None):
            continue
        if key in merged:
            old = merged[key]
            old[3] += n
            old[2] = "; ".join(dict.fromkeys(old[2].split("; ") + aliases.split("; ")))
            if len(name.split()) > len(old[0].split()):
                old[0] = name
        else:
            merged[key] = [name, kind, aliases, n]
    picked = sorted((m for m in merged.values() if m[3] >= min_mentions),
                    key=lambda m: (-m[3], m[0]))[:max_targets]
    # a surname two people share stays with the more named one only
    seen_surnames = {f.lower() for r in rows for f in r[2].split("; ")}
    for m in picked:
        if m[1] == "person" and " " in m[0]:
            surname = m[0].split()[-1]
            if surname.lower() in seen_surnames:
                m[2] = "; ".join(a for a in m[2].split("; ") if a != surname)
            seen_surnames.add(surname.lower())
    rows += [(name, kind, aliases, "recurring name", int(n)) for name, kind, aliases, n in picked]
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).astype(
        {"target": "object", "kind": "object", "aliases": "object", "source": "object",
         "n_named": "int64"})
