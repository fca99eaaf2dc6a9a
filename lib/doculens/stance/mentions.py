"""Who is meant: every mention of a target, with the path that resolved it (``via``).

* ``alias``: one of the aliases the user gave ("the Party", "ByteDance");
* ``name``: the target's own name forms: full name, surname, first name, and a title or
  honorific before them ("Secretary Moreno", "Mr. Kline") where that title is the
  target's. Namesakes and family are guarded: a surname after another capitalised word
  ("Carl Moreno"), before one ("the Moreno Foundation"), after "the" ("the Kline
  campaign"), or after an honorific of the other gender ("Mr. Moreno" for a woman) is not
  the target;
* ``address``: "you", "your", "yours", "yourself" in a turn, meaning the person addressed:
  the one named as a vocative in that sentence or in the :data:`VOCATIVE_REACH` sentences
  before it, in the turn ("Senator, you…", "Joe, you…"), else, conservatively, the speaker of the previous turn when that speaker is
  not a moderator. Generic "you" ("you know", "if you look at the numbers", the plural
  "all of you"; the phrases of ``data/stance_generic_you.txt``) is left alone, and "you"
  is never the moderator;
* ``pronoun``: "he/him/his/himself/she/her/hers/herself", for the one person of compatible
  gender named (or addressed by role) by the same speaker in the same turn, within the
  last :data:`PRONOUN_REACH` sentences; with two candidates (another person's name
  counts, target or not) it is left unresolved, and so is a pronoun with no person named
  lately in its turn (in a vice-presidential debate "he" is as often the absent nominee as
  the rival on stage). Gender comes from honorifics and from
  the pronouns that follow a person's name in the transcript;
* ``role``: "my opponent" (the one other debater of the document, moderators aside),
  "the governor" / "the senator" (the one person the document names with that title), and
  "my running mate" / "our nominee" (the person the speaker names in apposition with it:
  "my running mate, Ann Lee").

A speaker never mentions themself: such rows are dropped.

>>> s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1, 1, 1], "turn_id": [1, 2, 2],
...     "speaker": ["Ann Lee", "Bob Day", "Bob Day"], "start": [0, 30, 60], "end": [29, 59, 99],
...     "is_question": [False] * 3,
...     "text": ["Bob, your plan is a disaster.", "Ann, you are wrong about it.",
...              "Bill Lee never listens to her."]})
>>> m = find_mentions(s, targets={"Ann Lee": ["Ann Lee"], "Bob Day": ["Bob Day"]})
>>> m[["target", "via", "alias", "speaker"]].values.tolist()
[['Bob Day', 'name', 'Bob', 'Ann Lee'], ['Bob Day', 'address', 'your', 'Ann Lee'], ['Ann Lee', 'name', 'Ann', 'Bob Day'], ['Ann Lee', 'address', 'you', 'Bob Day']]
>>> find_mentions(s.assign(text=s["text"].str.replace("Bill Lee", "Ann Lee")), targets={"Ann Lee": ["Ann Lee"]}
...               ).query("via == 'pronoun'")[["alias", "start"]].values.tolist()
[['her', 85]]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import pandas as pd

from doculens.stance.lexicon import STATEMENT_CUES, phrase_pattern
from doculens.stance.targets import (FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS,
                                     OFFICE_TITLES, STOP_LEADS, is_person_name, moderators,
                                     name_forms)

__all__ = ["MENTION_COLUMNS", "VIA", "Target", "prepare_targets", "find_mentions",
           "PRONOUN_REACH"]

MENTION_COLUMNS = ["target", "via", "alias", "doc_id", "sentence_id", "turn_id", "speaker",
                   "start", "end", "sentence_start", "sentence_end", "sentence", "vocative"]
VIA = ("name", "alias", "address", "pronoun", "role")
#: a pronoun looks back over its own sentence and this many sentences before it, in its turn.
PRONOUN_REACH = 2
#: a vocative names the addressee of its sentence and of this many sentences after it.
VOCATIVE_REACH = 3
#: gender from pronouns: at least this many pronouns after a person's name, ...
GENDER_MIN_PRONOUNS = 3
#: ... and this many times as many of one gender as of the other.
GENDER_RATIO = 2.0

_APOS = "['’]"
_WORDS = re.compile(r"[^\W\d_]+")
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PRONOUN = re.compile(r"(?<![\w'’])(he|him|his|himself|she|her|hers|herself)(?![\w'’])", re.I)
_YOU = re.compile(r"(?<![\w'’])(you|your|yours|yourself)(?:['’](?:re|ve|ll|d))?(?![\w'’])", re.I)
_CAP = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")
_HONORIFIC_WORD = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Madam|Sir|MR|MRS|MS)\b")
_PERSON_PAIR = re.compile(r"(?<![\w'’.])([A-Z][a-z]+)\s+([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)(?![\w])")
_TITLE_RE = "|".join(re.escape(t.rstrip(".")) for t in sorted(
    {t.rstrip(".") for t in OFFICE_TITLES | HONORIFICS}, key=len, reverse=True))
_NAME_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)*"
# a title (any case) and one or two capitalised names: "Governor Tom Reyes", "Mr. Kline"
_TITLED = re.compile(rf"(?<![\w'’])((?i:vice\s+president|{_TITLE_RE}))\.?\s+({_NAME_WORD})"
                     rf"(?:\s+({_NAME_WORD}))?")
_THE_TITLE = re.compile(rf"(?<![\w'’])(?:the|The)\s+(vice\s+president|{_TITLE_RE.lower()})"
                        rf"(?![\w'’])(?!\s+[A-Z])")
_TITLE_VOCATIVE = re.compile(rf"^(?:\W*(?:well|look|now|and|so|oh|yes|no),?\s+)?"
                             rf"({_TITLE_RE})\.?\s*,", re.I)
# "I have to tell you", "we'll also promise you": the speaker's formulas to the audience
_TELL_YOU = re.compile(r"(?<![\w'’])(?:I|we|We)(?:['’]\w+)?(?:\s+[\w'’]+){0,3}?\s+"
                       r"(?:tell|telling|promise|assure|guarantee|remind|ask)\s+(you)(?![\w'’])")
_OPPONENT = re.compile(r"(?<![\w'’])(?:[Mm]y)\s+(opponent)(?![\w'’])")


def _data_lines(name: str) -> list[str]:
    text = resources.files("doculens").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


#: phrases where "you" is generic or plural, not the person addressed
GENERIC_YOU = tuple(_data_lines("stance_generic_you.txt"))
_GENERIC = phrase_pattern(GENERIC_YOU)
_PARTNER = re.compile(r"(?<![\w'’])(?:[Mm]y|[Oo]ur)\s+(%s)(?![\w'’])" % "|".join(
    re.escape(p) for p in sorted(STATEMENT_CUES["partner"], key=len, reverse=True)))


@dataclass(eq=False)
class Target:
    """A target with its name forms. ``person`` targets get name forms and pronouns."""

    name: str
    aliases: list[str]
    person: bool
    forms: dict[str, str] = field(default_factory=dict)  # written form -> full/surname/first
    gender: str = ""  # "m", "f" or "" (unknown)
    titles: set[str] = field(default_factory=set)  # lower-case titles attested before the name


def prepare_targets(targets: dict[str, list[str]]) -> list[Target]:
    """Targets with their name forms; first names only where no two targets share one.

    >>> [t.forms for t in prepare_targets({"Ann Lee": ["Ann Lee"], "CCP": ["CCP"]})]
    [{'Ann Lee': 'full', 'Lee': 'surname', 'Ann': 'first'}, {}]
    """
    people = {name for name in targets if is_person_name(name)}
    firsts = Counter(name_forms(n).get(n.split()[0]) and n.split()[0] for n in people)
    # a surname two targets share ("Carl Moreno", "Alice Moreno") names neither alone,
    # unless a target lists it among its own aliases
    surnames = Counter(n.split()[-1] for n in people)
    out = []
    for name, aliases in targets.items():
        person = name in people or any(is_person_name(a) for a in aliases)
        full = name if name in people else next((a for a in aliases if is_person_name(a)), name)
        forms = name_forms(full, first_name_ok=firsts[full.split()[0]] <= 1) if person else {}
        forms = {f: part for f, part in forms.items()
                 if not (part == "surname" and surnames[f] > 1 and f not in aliases)}
        titles = {w.lower().rstrip(".") for a in aliases for w in a.split()[:-1]
                  if w.lower() in OFFICE_TITLES or w.lower() in HONORIFICS}
        gender = ""
        if titles & {t.rstrip(".") for t in MALE_HONORIFICS}:
            gender = "m"
        elif titles & {t.rstrip(".") for t in FEMALE_HONORIFICS}:
            gender = "f"
        out.append(Target(name, list(aliases), person, forms, gender, titles))
    return out


# --------------------------------------------------------------------------------------
# Named mentions
# --------------------------------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    return [w.lower().strip(".,") for w in name.split()
            if w.lower() not in OFFICE_TITLES and w.lower() not in HONORIFICS
            and not (len(w.strip(".")) <= 1)]


def same_person(a: str, b: str) -> bool:
    """Do two written names name one person: the same words once titles and initials are
    dropped, or the same first name and surname ("Robert J. Kline", "Robert Kline")?

    >>> same_person("Robert J. Kline", "Robert Kline"), same_person("Carl Moreno", "Alice Moreno")
    (True, False)
    """
    x, y = _name_words(a), _name_words(b)
    if not x or not y:
        return False
    if set(x) == set(y):
        return True
    return len(x) >= 2 and len(y) >= 2 and x[0] == y[0] and x[-1] == y[-1]


def _case_free(alias: str) -> bool:
    """An alias all in lower case, or of several capitalised words, matches in any case;
    any other ("Xi", "CCP", "the Party") as written (a capital allowed at sentence start)."""
    words = alias.split()
    if alias == alias.lower():
        return True
    return len(words) > 1 and all(w[:1].isupper() for w in words)


def _alias_pattern(alias: str) -> str:
    parts = []
    for i, word in enumerate(alias.split()):
        chars = []
        for j, ch in enumerate(word):
            if ch in "'’":
                chars.append(_APOS)
            elif i == 0 and j == 0 and ch.islower():
                chars.append(f"[{ch}{ch.upper()}]")
            else:
                chars.append(re.escape(ch))
        parts.append("".join(chars))
    # after the alias: no word character, and an apostrophe only as a possessive ("Xi's",
    # not "Xi'an")
    return r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])(?!['’](?![sS]\b)\w)"


@dataclass
class _Compiled:
    target: Target
    pattern: re.Pattern
    via: str
    single: bool  # a one-word person form: namesake guards apply


def _compile(targets: list[Target]) -> list[_Compiled]:
    out = []
    for t in targets:
        forms = dict(t.forms)
        for alias in t.aliases:
            alias = alias.strip()
            if not alias:
                continue
            bare = " ".join(w for w in alias.split() if w.lower() not in OFFICE_TITLES
                            and w.lower() not in HONORIFICS)
            via = "name" if (alias in forms or bare in forms or alias == t.name) else "alias"
            flags = re.IGNORECASE if _case_free(alias) else 0
            single = t.person and len(alias.split()) == 1
            out.append(_Compiled(t, re.compile(_alias_pattern(alias), flags), via, single))
        for form, part in forms.items():
            if form in t.aliases:
                continue
            out.append(_Compiled(t, re.compile(_alias_pattern(form)), "name", part != "full"))
    return out


def _word_before(text: str, pos: int) -> tuple[str, int]:
    m = re.search(r"([\w.'’-]+)\s+$", text[:pos])
    return (m.group(1), m.start(1)) if m else ("", pos)


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"\s+([\w'’-]+)", text[pos:])
    return m.group(1) if m else ""


def _sentence_initial(text: str, pos: int) -> bool:
    return not text[:pos].strip(" \t\n\"'“‘(—–-")


def _guard(text: str, start: int, end: int, c: _Compiled) -> tuple[bool, int]:
    """Is a one-word person form at ``text[start:end]`` the target? Returns (ok, start),
    the start moved back over a title or honorific that belongs to the mention."""
    t = c.target
    before, b_start = _word_before(text, start)
    lower = before.lower()
    if lower in {"the"}:
        return False, start  # "the Moreno campaign": the name as a modifier
    if before[:1].isupper() and text[b_start + len(before):start].strip() == "":
        key = lower.rstrip(".")
        if key in {h.rstrip(".") for h in HONORIFICS}:
            if (key in {h.rstrip(".") for h in MALE_HONORIFICS} and t.gender == "f") or \
                    (key in {h.rstrip(".") for h in FEMALE_HONORIFICS} and t.gender == "m"):
                return False, start
            return True, b_start
        if key in {o.rstrip(".") for o in OFFICE_TITLES}:
            return (key in t.titles), b_start
        if _sentence_initial(text, b_start) and lower.strip("'’") in STOP_LEADS:
            pass  # "When Moreno...": a capital at the start of a sentence
        elif not before.endswith(".") and before not in ("I",):
            return False, start  # "Carl Moreno": another person of that name
    after = _word_after(text, end)
    if after[:1].isupper() and after != "I" and not re.match(r"[.!?]", text[end:end + 1]):
        if text[end:end + 1] != ",":
            return False, start  # "the Moreno Foundation", "Robert Vance"
    return True, start


class _Matcher:
    """The compiled forms of all targets, with a quick test that skips sentences naming none
    of them and a memo of each sentence's spans."""

    def __init__(self, compiled: list[_Compiled]):
        self.compiled = compiled
        # every word of every form, lower-cased: a sentence with none of them names no target
        self.keywords = frozenset(w for c in compiled for w in _WORDS.findall(
            _unescape(c.pattern.pattern).lower()))
        self.hits: dict[str, bool] = {}
        self.memo: dict[str, list] = {}

    def spans(self, text: str) -> list[tuple[int, int, Target, str]]:
        if text not in self.memo:
            hit = self.hits.get(text)
            if hit is None:
                hit = self.hits[text] = not self.keywords.isdisjoint(_WORDS.findall(text.lower()))
            self.memo[text] = _named_spans(text, self.compiled) if hit else []
        return self.memo[text]


def _unescape(pattern: str) -> str:
    """The letters of a compiled alias pattern: lookarounds, classes and escapes removed."""
    text = re.sub(r"\(\?<?[!=].*?\)", " ", pattern)
    text = re.sub(r"\[(\w)\w\]", r"\1", text)  # "[tT]" from a capitalisable first letter
    text = re.sub(r"\[.*?\]|\\s\+|\\.", " ", text)
    return text


def _named_spans(text: str, compiled: list[_Compiled]) -> list[tuple[int, int, Target, str]]:
    """Non-overlapping ``(start, end, target, via)``; the longest match wins, and overlapping
    forms of one target make one span ("President Xi" + "Xi Jinping")."""
    found = []
    for c in compiled:
        for m in c.pattern.finditer(text):
            start, end = m.span()
            if c.single:
                ok, start = _guard(text, start, end, c)
                if not ok:
                    # a longer form may still match here: leave it to the other patterns
                    found.append((start, end, None, "blocked"))
                    continue
            found.append((start, end, c.target, c.via))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2] is None))
    out: list[tuple[int, int, Target | None, str]] = []
    for start, end, target, via in found:
        if out and start < out[-1][1]:
            last = out[-1]
            if target is not None and last[2] is target and end > last[1]:
                out[-1] = (last[0], end, target, last[3])
            elif target is not None and last[2] is None and end > last[1]:
                out[-1] = (start, end, target, via)  # a longer form wins over a blocked one
            continue
        out.append((start, end, target, via))
    return [s for s in out if s[2] is not None]


# --------------------------------------------------------------------------------------
# Document-level facts: genders, titles, people who are not targets
# --------------------------------------------------------------------------------------


def _infer_genders(targets: list[Target], texts: list[str], compiled) -> None:
    """Set each person target's gender from honorifics before its name and from the
    pronouns in the rest of a sentence that names it alone."""
    counts = {id(t): Counter() for t in targets}
    for text in texts:
        spans = compiled.spans(text)
        people = {id(s[2]) for s in spans if s[2].person}
        if len(people) != 1 or len(_PERSON_PAIR.findall(text)) > 1:
            continue
        start, end, target, _ = spans[0]
        rest = text[end:]
        for p in _PRONOUN.findall(rest):
            counts[id(target)]["m" if p.lower() in _MALE else "f"] += 1
        before = text[max(0, start - 6):start].lower()
        if re.search(r"\bmr\.?\s*$", before):
            counts[id(target)]["m"] += GENDER_MIN_PRONOUNS
        elif re.search(r"\b(mrs|ms|miss)\.?\s*$", before):
            counts[id(target)]["f"] += GENDER_MIN_PRONOUNS
    for t in targets:
        if t.gender or not t.person:
            continue
        c = counts[id(t)]
        if c["m"] >= GENDER_MIN_PRONOUNS and c["m"] >= GENDER_RATIO * c["f"]:
            t.gender = "m"
        elif c["f"] >= GENDER_MIN_PRONOUNS and c["f"] >= GENDER_RATIO * c["m"]:
            t.gender = "f"


def _title_holders(texts: list[str], targets: list[Target]) -> dict[str, set[str]]:
    """Lower-case title -> the people the texts name with it (target names, or the name as
    written for other people); each target's attested titles are added to ``titles``.

    A title before a target's first name and surname is the target's. A title before the
    surname alone is the target's only when no other person of that surname is named in
    the texts ("President Moreno" is nobody's when "Carl Moreno" and "Alice Moreno"
    are both named).
    """
    holders: dict[str, set[str]] = {}
    firsts: dict[str, set[str]] = {}
    for text in texts:
        for m in _PERSON_PAIR.finditer(text):
            first, last = m.group(1), m.group(2)
            if first.lower() not in STOP_LEADS and first.lower() not in OFFICE_TITLES \
                    and first.lower() not in HONORIFICS:
                firsts.setdefault(last, set()).add(first)
    people = [t for t in targets if t.person and t.forms]
    fulls = {id(t): [f for f, part in t.forms.items() if part == "full"][0].split() for t in people}
    for t in people:
        words = fulls[id(t)]
        firsts.setdefault(words[-1], set()).add(words[0])
    honorifics = {h.rstrip(".") for h in HONORIFICS}
    for text in texts:
        for m in _TITLED.finditer(text):
            title = " ".join(m.group(1).lower().rstrip(".").split())
            if title in honorifics:
                continue
            one, two = (re.sub(r"['’]s$", "", w) if w else w for w in (m.group(2), m.group(3)))
            owner = None
            for t in people:
                full = fulls[id(t)]
                if two and one == full[0] and two == full[-1]:
                    owner = t
                elif not two and one == full[-1] and len(firsts.get(one, ())) <= 1:
                    owner = t
            if owner is not None:
                owner.titles.add(title)
                holders.setdefault(title, set()).add(owner.name)
            else:
                holders.setdefault(title, set()).add(f"{one} {two or ''}".strip())
    return holders


# --------------------------------------------------------------------------------------
# The pass over a document
# --------------------------------------------------------------------------------------


def _vocatives(text: str, spans) -> list[tuple[int, int, str]]:
    """Named spans used as a vocative, set off by commas: at the end of the sentence
    ("Thank you, Dana."), or at its start or between commas when the sentence also
    speaks to someone in the second person ("Donald, you..."). A name at the start with no
    "you" is an apposition or a subject ("Ann Lee, my partner, said"), not a vocative."""
    out = []
    second_person = bool(_YOU.search(text))
    for start, end, who in spans:
        head = text[:start].rstrip()
        tail = text[end:].lstrip()
        opens = head == "" or head.endswith(",") or re.fullmatch(
            r"\W*(?:[Ww]ell|[Ll]ook|[Nn]ow|[Aa]nd|[Ss]o|[Oo]h|[Yy]es|[Nn]o|[Tt]hank you|[Tt]hanks)\W*", head)
        if not opens:
            continue
        final = re.fullmatch(r"[.?!:;]*[\"”’)]*", tail) is not None and head != ""
        if final or (tail[:1] == "," and second_person):
            out.append((start, end, who))
    return out


def find_mentions(sentences: pd.DataFrame, *, targets: dict[str, list[str]],
                  speakers: pd.DataFrame | None = None,
                  resolve: bool = True) -> pd.DataFrame:
    """One row per mention of a target in the sentences table, with its resolution path.

    ``sentences`` needs ``sentence_id, doc_id, turn_id, speaker, start, end, text`` (and
    ``is_question`` to find moderators); ``targets`` maps a target name to its aliases.
    ``speakers`` is the roster (roles name moderators). With ``resolve=False`` only names
    and aliases are found. Columns :data:`MENTION_COLUMNS`: ``via`` is one of :data:`VIA`,
    ``alias`` the words as written, ``start, end`` their offsets in the source,
    ``vocative`` whether the mention is a name used to address the target.
    """
    prepared = prepare_targets(targets)
    compiled = _Matcher(_compile(prepared))
    cols = ["sentence_id", "doc_id", "turn_id", "speaker", "start", "end", "text"]
    data = sentences[cols].copy()
    data["speaker"] = data["speaker"].fillna("").astype(str)
    data = data[data["text"].map(lambda t: isinstance(t, str) and bool(t))]
    texts = data["text"].tolist()
    doc_ids = data["doc_id"].tolist()
    holders_by_doc = {}
    if resolve:  # titles first: "Senator Moreno" is hers...
        for doc_id in dict.fromkeys(doc_ids):
            holders_by_doc[doc_id] = _title_holders(
                [t for t, d in zip(texts, doc_ids) if d == doc_id], prepared)
    compiled.memo.clear()
    _infer_genders(prepared, texts, compiled)  # ... so the pronouns after it count
    # genders now known: only a sentence with an honorific may read otherwise ("Mr. Moreno")
    for text in [t for t in compiled.memo if _HONORIFIC_WORD.search(t)]:
        del compiled.memo[text]
    mods = moderators(sentences, speakers) if resolve and "is_question" in sentences else set()
    by_name = {t.name: t for t in prepared}
    # speakers' labels that name a target ("Robert J. Kline" for "Robert Kline")
    for label in dict.fromkeys(data["speaker"]):
        if label and label not in by_name:
            same = [t for t in prepared if t.person and same_person(label, t.name)]
            if len(same) == 1:
                by_name[label] = same[0]
    rows = []
    for doc_id, doc in data.groupby("doc_id", sort=True):
        rows += _document(doc, prepared, compiled, by_name, mods, resolve,
                          holders_by_doc.get(doc_id, {}))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    own = {label: t.name for label, t in by_name.items()}
    out = out[out["target"] != out["speaker"].map(lambda sp: own.get(sp, sp))]  # nobody mentions themself
    if len(out):
        out = out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    return out.astype({"vocative": "bool"})


def _document(doc: pd.DataFrame, prepared, compiled, by_name, mods, resolve,
              holders: dict[str, set[str]]) -> list[tuple]:
    rows = []
    labelled = [s for s in dict.fromkeys(doc["speaker"]) if s]
    debaters = [s for s in labelled if s not in mods]
    # people named in the document who are not targets: speakers' names block pronouns
    other_forms = {}
    for s in labelled:
        if s not in by_name:
            for form in (name_forms(s) if len(s.split()) >= 2 else {s: "full"}):
                other_forms[form] = s
    other_pattern = re.compile(r"(?<![\w'’])(%s)(?![\w'’])" % "|".join(
        re.escape(f) for f in sorted(other_forms, key=len, reverse=True))) if other_forms else None
    partners = _partner_bindings(doc, compiled) if resolve else {}
    prev_turn_speaker, prev_turn, turn_state = "", None, None
    columns = [doc[c].tolist() for c in ("sentence_id", "doc_id", "turn_id", "speaker", "start",
                                          "end", "text")]
    for sid, doc_id, turn_id, speaker, s_start, s_end, text in zip(*columns):
        s_start, s_end = int(s_start), int(s_end)
        if turn_id != prev_turn:
            if prev_turn is not None:
                prev_turn_speaker = turn_state["speaker"]
            turn_state = {"speaker": speaker, "addressee": None, "window": [],
                          "previous": prev_turn_speaker, "since_vocative": 0}
            prev_turn = turn_id

        def emit(target: Target, via: str, a: int, b: int, vocative: bool = False):
            rows.append((target.name, via, text[a:b], doc_id, sid, turn_id, speaker,
                         s_start + a, s_start + b, s_start, s_end, text, vocative))

        named = compiled.spans(text)
        taken = [(a, b) for a, b, _, _ in named]
        # people who are not targets, named here (for vocatives and pronoun blocking)
        others = []
        # (needed for vocatives, set off by commas, and to block pronouns)
        if resolve:
            if other_pattern is not None:
                for m in other_pattern.finditer(text):
                    if not any(a < m.end() and m.start() < b for a, b in taken):
                        others.append((m.start(), m.end(), other_forms[m.group(1)]))
            for m in _PERSON_PAIR.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b in taken) and \
                        m.group(1).lower() not in STOP_LEADS and m.group(1).lower() not in OFFICE_TITLES:
                    others.append((m.start(), m.end(), m.group()))
        if not resolve:
            for a, b, target, via in named:
                emit(target, via, a, b)
            continue
        # vocatives: names, and titles alone ("Senator, ...")
        vocs = _vocatives(text, [(a, b, t.name) for a, b, t, _ in named] + others)
        voc_spans = {(a, b) for a, b, _ in vocs}
        voc_spans |= {(a, b) for a, b, _, _ in named for x, y, _ in vocs if x <= a and b <= y}
        for a, b, target, via in named:
            emit(target, via, a, b, (a, b) in voc_spans)
        tv = _TITLE_VOCATIVE.match(text)
        if tv:
            who = holders.get(" ".join(tv.group(1).lower().split()), set())
            if len(who) == 1:
                vocs.append((tv.start(1), tv.end(1), next(iter(who))))
                if next(iter(who)) in by_name:
                    emit(by_name[next(iter(who))], "role", tv.start(1), tv.end(1), True)
        # roles
        roles = []
        for m in _OPPONENT.finditer(text):
            rivals = [s for s in debaters if s != speaker]
            if speaker in debaters and len(rivals) == 1 and rivals[0] in by_name:
                roles.append((m.start(), m.end(), by_name[rivals[0]]))
        for m in _THE_TITLE.finditer(text):
            title = " ".join(m.group(1).lower().split())
            who = holders.get(title, set())
            if len(who) == 1 and next(iter(who)) in by_name:
                roles.append((m.start(), m.end(), by_name[next(iter(who))]))
        for m in _PARTNER.finditer(text):
            name = partners.get((speaker, m.group(1).lower()))
            if name and name in by_name:
                roles.append((m.start(), m.end(), by_name[name]))
        for a, b, target in roles:
            if not any(x < b and a < y for x, y in taken):
                emit(target, "role", a, b)
                taken.append((a, b))
        # the turn's addressee: a vocative here, else one in the last few sentences
        turn_state["since_vocative"] += 1
        if vocs:
            turn_state["addressee"] = sorted(vocs)[-1][2]
            turn_state["since_vocative"] = 0
        if turn_state["since_vocative"] > VOCATIVE_REACH:
            turn_state["addressee"] = None
        addressee = turn_state["addressee"]
        if addressee is None and turn_state["previous"] and turn_state["previous"] != speaker \
                and turn_state["previous"] not in mods:
            addressee = turn_state["previous"]
        yous = list(_YOU.finditer(text))
        generic = [m.span() for m in _GENERIC.finditer(text)] if yous else []
        generic += [m.span(1) for m in _TELL_YOU.finditer(text)] if yous else []
        for m in yous:
            a, b = m.span(1)
            if any(x <= a < y for x, y in generic) or any(x < b and a < y for x, y in taken):
                continue
            who = min(vocs, key=lambda v: abs(v[0] - a))[2] if vocs else addressee
            if who in mods or who == speaker or who not in by_name:
                continue
            emit(by_name[who], "address", a, b)
        # pronouns: the one compatible person named in this turn lately
        # (someone only addressed by name, "Thank you, Dana", is no antecedent; a target
        # addressed and then spoken of, "Robert, you… He…", is)
        people = [(a, t, "target") for a, b, t, _ in named if t.person]
        people += [(a, t, "target") for a, b, t in roles if t.person]
        people += [(a, name, "other") for a, b, name in others if (a, b) not in voc_spans]
        earlier = [p for sentence in turn_state["window"][-PRONOUN_REACH:] for p in sentence]
        for m in _PRONOUN.finditer(text):
            a, b = m.span(1)
            if any(x < b and a < y for x, y in taken):
                continue
            gender = "m" if m.group(1).lower() in _MALE else "f"
            candidates = earlier + [(t, kind) for pos, t, kind in people if pos < a]
            fits = {}
            for t, kind in candidates:
                if kind == "target" and t.gender and t.gender != gender:
                    continue
                fits[t.name if kind == "target" else t] = (t, kind)
            if len(fits) == 1:
                t, kind = next(iter(fits.values()))
                if kind == "target":
                    emit(t, "pronoun", a, b)
        turn_state["window"].append([(t, kind) for _, t, kind in sorted(people, key=lambda p: p[0])])
    return rows


def _partner_bindings(doc: pd.DataFrame, compiled) -> dict[tuple[str, str], str]:
    """(speaker, partner noun) -> target name, where the speaker names a target in
    apposition with "my/our <partner noun>" ("my running mate, Ann Lee"; "Ann Lee, my
    running mate"); only when that binding is unique."""
    found: dict[tuple[str, str], set[str]] = {}
    for speaker, text in zip(doc["speaker"].tolist(), doc["text"].tolist()):
        for m in _PARTNER.finditer(text):
            noun = m.group(1).lower()
            for a, b, target, _ in compiled.spans(text):
                between = text[m.end():a] if a >= m.end() else text[b:m.start()]
                if re.fullmatch(r"\s*,?\s*", between) or re.fullmatch(r"\s*,\s*(?:is\s+)?", between):
                    found.setdefault((speaker, noun), set()).add(target.name)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
