"""Build the speaker roster: one canonical name per person, with aliases and roles.

Labels are matched to people introduced in the transcript ("This is James Qiu, a former
Apple executive", "China expert Jiang Feng told me", "I am Simone Gao"):

* the same name in either order, with or without a title, is one person
  (``Tang Jingyuan`` / ``Jingyuan Tang``, ``Dr. Zhang Tianliang`` / ``Tianliang Zhang``);
* a one-word label resolves to the only introduced full name containing it
  (``Simone`` -> ``Simone Gao``);
* roles come from the introduction;
* people introduced with a role but never labelled are in the roster with no turns.

Example:
    >>> text = "This is James Qiu, a former Apple executive.\\n\\nJames: Hi.\\n"
    >>> intros = find_introductions(text)
    >>> intros[["name", "role"]].values.tolist()
    [['James Qiu', 'a former Apple executive']]
    >>> canonical_names(["James"], intros)
    {'James': 'James Qiu'}
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .segment import NARRATOR, count_words

ROSTER_COLUMNS = ["speaker", "aliases", "role", "n_turns", "n_words", "docs", "source",
                  "start", "end"]
INTRO_COLUMNS = ["name", "role", "start", "end", "pattern"]

# Honorifics and titles dropped when comparing names ("Dr. Zhang Tianliang" is "Tianliang
# Zhang"); kept in aliases. Our list, from the seed and the 2020 debate transcript.
TITLES = frozenset("""
dr dr. mr mr. mrs mrs. ms ms. prof prof. professor sir madam president vice senator judge
general gen. secretary sec. governor mayor premier chairman minister ambassador rev. father
moderator interviewer
""".split())

# Nouns that make a phrase a person's role. A phrase such as "a coastal resort town" has
# none of them and so does not introduce a person. Our list, from the seed's introductions
# plus common job titles in news transcripts.
PERSON_NOUNS = frozenset("""
journalist reporter anchor host presenter correspondent editor analyst expert specialist
scholar historian economist professor researcher scientist engineer executive employee user
agent emigrant immigrant student teacher founder cofounder co-founder chairman chairwoman chair
president premier minister secretary undersecretary spokesman spokeswoman spokesperson
ambassador envoy diplomat general officer official commander admiral colonel judge lawyer
attorney senator congressman congresswoman governor mayor candidate director manager ceo cto
cfo chief head leader member adviser advisor consultant activist dissident blogger author
writer commentator producer tycoon billionaire businessman businesswoman entrepreneur investor
worker farmer resident survivor witness doctor physician nurse aide lawmaker politician
strategist fellow lecturer commissioner inspector detective sergeant captain lieutenant
soldier veteran monk priest pastor bishop
""".split())

# Lower-case words that may qualify a person noun inside a role ("former senior China
# analyst"). Our list.
ROLE_MODIFIERS = frozenset("""
former retired current senior junior chief deputy assistant associate acting vice late then
top lead leading prominent veteran independent outspoken longtime long-time well-known
renowned famous award-winning investigative political military economic foreign state
party government national international local regional
""".split())
# Words allowed after the person noun of a role ("undersecretary of State for the Trump
# administration"). Our list.
ROLE_TAIL_WORDS = frozenset("""
of for at in the a an and to on with from administration government company party ministry
department university council committee campaign
""".split())

PREPOSITIONS = frozenset({"of", "for", "at", "in", "the", "a", "an", "to", "on", "with", "from",
                          "by", "and", "or"})

# Words that end the walk back from a name to the start of its role ("I asked former
# undersecretary ... Keith Krach": the role starts after "asked").
ROLE_STOPWORDS = frozenset("""
asked ask asks interviewed told tell tells with to by and or is was are were said says
according i me we us you he she they it this that these those here there also then when
including like such as
""".split())
# Verbs and words after a name that make "ROLE Name" an introduction.
_INTRO_FOLLOWERS = (r"told|tells|explained|explains|said|says|noted|notes|argued|argues|warned|"
                    r"warns|added|adds|believes|thinks|wrote|writes|this|again|did|once|who|"
                    r"explained|announced|was|is")
# Words that end an appositive role ("Li Jun, a senior Chinese journalist who had...").
_ROLE_END = (r"who|whom|whose|which|that|was|is|has|had|did|does|told|tells|said|says|"
             r"explained|explains|once|also|noted|notes|argued|argues|wrote|writes|will|would")

_TOKEN = r"[A-Z][\w’'-]*"
_HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)"
_NAME = rf"(?:{_HONORIFIC}?{_TOKEN}(?:\s{_TOKEN}){{0,2}})"
_NAME2 = rf"(?:{_HONORIFIC}?{_TOKEN}(?:\s{_TOKEN}){{1,2}})"
_ROLE_BODY = r"(?:[^,;:.\n]|\.(?=[^\s]))+?"
_ROLE_STOP = r"\s*(?:[,;:\n]|\.(?:\s|$))"

# Introduction patterns: name and role, each with the seed sentence it was written for.
INTRO_PATTERNS = {
    # "This is James Qiu, a former Apple executive." / "Ethan, a TikTok user from the U.S., told me"
    "appositive": re.compile(
        rf"(?:(?<=This is )|(?<=this is )|(?<=spoke with )|(?<=talked to )|(?<=^)|(?<=[.!?] )|(?<=\n))"
        rf"(?P<name>{_NAME}),\s+(?P<role>{_ROLE_BODY})(?={_ROLE_STOP}|\s+(?:{_ROLE_END})\b)", re.M),
    # "I spoke with Li Jun, a senior Chinese journalist who ..." (two-word names anywhere)
    "appositive_full": re.compile(
        rf"\b(?P<name>{_NAME2}),\s+(?P<role>{_ROLE_BODY})(?={_ROLE_STOP}|\s+(?:{_ROLE_END})\b)"),
    # "Tang Jingyuan who is a senior China analyst and the host of ..."
    "who_is": re.compile(rf"\b(?P<name>{_NAME2}),?\s+who\s+(?:is|was)\s+(?P<role>{_ROLE_BODY})(?={_ROLE_STOP})"),
    # "His name is Jack, and he is a former employee of Huawei, ..."
    "name_is": re.compile(
        rf"\b(?:His|Her|My) name is (?P<name>{_NAME})(?:,? and (?:he|she|I) (?:is|was|am) (?P<role>{_ROLE_BODY})(?={_ROLE_STOP}))?"),
    # "I am Simone Gao." / "I'm Chris Wallace of Fox News"
    "self": re.compile(rf"\bI(?: am|’m|'m) (?P<name>{_NAME2})(?:\s+of\s+(?P<role>[A-Z][\w ]+?))?(?=\s*[,.;:!\n]|\s+and\b)"),
    # "China expert Jiang Feng told me" / "I asked former undersecretary ... Keith Krach this question"
    "role_before": re.compile(rf"(?P<name>{_NAME2})(?=,?\s+(?:{_INTRO_FOLLOWERS})\b|\s*[,.])"),
}
# Every introduction starts at a capital letter (a name, "His", "I"): checked first, a
# zero-width test that spares the slower lookbehinds and word boundaries at every other
# character (same matches, about 2.5 times faster).
INTRO_PATTERNS = {key: re.compile(r"(?=[A-Z])" + regex.pattern, regex.flags)
                  for key, regex in INTRO_PATTERNS.items()}
# "Zooming In with Simone Gao": the series names its host.
SERIES_HOST = re.compile(rf"\bwith (?P<name>{_NAME2})\s*$")

MAX_ROLE_WORDS = 12
ARTICLES = frozenset({"a", "an", "the"})
# Titles that are courtesy, not role: "Dr. Zhang Tianliang" gives no role "Dr.".
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "sir", "madam"})

# Words that make a capitalised phrase an organisation, place or event rather than a
# person ("Central Military Commission", "National Taipei University"). Our list.
NON_PERSON_WORDS = frozenset("""
party commission council university department conference congress states state kingdom
republic union company corporation group inc ltd llc solar ministry court committee times
news bank administration agency foundation institute forum league army force navy
association office bureau house senate assembly parliament government fixer daily journal
post media television tv network channel technology technologies holdings exchange market
service security olympics games war act deal plan policy program project initiative
""".split())


def name_key(name: str) -> frozenset[str]:
    """The order-free key of a name: its lower-cased words without titles.

    Example:
        >>> name_key("Dr. Zhang Tianliang") == name_key("Tianliang Zhang")
        True
        >>> name_key("Robert J. Kline") == name_key("Robert Kline")
        True
    """
    words = [w.lower().strip(".,") for w in re.split(r"[\s-]+", name.replace("’s", "")) if w]
    kept = [w for w in words if w not in TITLES and w + "." not in TITLES]
    # a middle initial does not make another person: "Robert J. Kline" is "Robert Kline"
    kept = [w for i, w in enumerate(kept) if not (len(w) == 1 and 0 < i < len(kept) - 1)] or kept
    return frozenset(kept or words)


def strip_titles(name: str) -> str:
    """``name`` without leading honorifics ("Dr. Puma Shen" -> "Puma Shen")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def _has_person_noun(role: str) -> bool:
    return any(w.lower().strip("’'s.,") in PERSON_NOUNS or w.lower() in PERSON_NOUNS
               for w in re.findall(r"[\w’'-]+", role))


_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’-]*")
_CAPITAL_WORD = re.compile(r"(?<![\w'’])[A-Z][a-z'’-]+")
#: what comes right before a word that opens a sentence (checked on the text before it)
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(—–]\s*)$")
_START_WINDOW = 8  # characters before a word searched for SENTENCE_START


def common_words(texts) -> frozenset[str]:
    """Words written in lower case more often than capitalised inside a sentence: common
    words ("honestly", "so"), not names, even where they open a sentence. ``texts`` is one
    text or several (each sentence's start counts as one).

    Example:
        >>> sorted(common_words("So we met. So it goes, so to speak. Ann Lee came."))
        ['came', 'goes', 'it', 'met', 'so', 'speak', 'to', 'we']
    """
    if isinstance(texts, str):
        texts = [texts]
    lower: Counter = Counter()
    capital: Counter = Counter()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        for m in _CAPITAL_WORD.finditer(text):
            before = text[max(0, m.start() - _START_WINDOW):m.start()]
            if m.start() > 0 and not SENTENCE_START.search(before):
                capital[m.group().lower()] += 1
    return frozenset(w for w, n in lower.items() if n > capital.get(w, 0))


def _looks_like_person(name: str, common: frozenset[str] = frozenset()) -> bool:
    words = [w.lower().strip(".,’'") for w in strip_titles(name).split()]
    if words[0] in {"the", "this", "that", "in", "on", "at", "and", "but", "a", "an"}:
        return False
    if any(w in common for w in words):
        return False  # "Honestly, Senator": a common word opening a sentence is no name
    if any(w in NON_PERSON_WORDS or w in PERSON_NOUNS or w.rstrip("s") in PERSON_NOUNS for w in words):
        return False  # "Central Military Commission", "Democrat Governors"
    return len(words[-1]) > 1


def _clean_role(role: str, name: str) -> str:
    role = " ".join(role.split())
    for token in sorted(name_key(name), key=len, reverse=True):  # "... Foresight Jingyuan Tang"
        hit = re.search(rf"\b{re.escape(token)}\b", role, re.I)
        if hit and hit.start() > 0:
            role = role[:hit.start()].rstrip()
    words = role.split()
    return " ".join(words[:MAX_ROLE_WORDS]).strip(" ,;:")


def _is_person_noun(word: str) -> bool:
    bare = word.lower().strip("“”\"'(),.")
    return bare in PERSON_NOUNS


def _role_before(text: str, start: int) -> str:
    """The role phrase right before a name, or "" when the words there are not a role.

    A role is modifiers, a person noun and an optional "of/for ..." tail:
    "former undersecretary of State for the Trump administration", "China expert",
    "China’s Foreign Ministry spokesman".
    """
    window = text[max(0, start - 200):start].rstrip()
    window = re.sub(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s*)+$", "", window).rstrip()  # "expert, Dr. Zhang"
    if window.endswith(","):
        window = window[:-1]
    words: list[str] = []
    for word in reversed(window.split()):
        if word.endswith((",", ";", ":", "!", "?", "”", '"')) or len(words) >= MAX_ROLE_WORDS:
            break
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,3}\.", word):
            break
        words.insert(0, word)
    if words and words[-1].lower() in PREPOSITIONS:
        return ""  # "a professor at Notre Dame": the name follows a preposition
    nouns = [i for i, w in enumerate(words) if _is_person_noun(w)]
    if not nouns:
        return ""
    last = nouns[-1]
    if not all(_role_word(w) or w.lower() in ROLE_TAIL_WORDS for w in words[last + 1:]):
        return ""
    first = last
    while first > 0 and (_role_word(words[first - 1]) or _is_person_noun(words[first - 1])):
        first -= 1
    return " ".join(words[first:])


def _role_word(word: str) -> bool:
    """A word that can stand inside a role: capitalised, possessive or a known modifier."""
    return word[:1].isupper() or word.endswith(("’s", "'s")) or word.lower() in ROLE_MODIFIERS


def find_introductions(text: str, *, series: list[str] | tuple = ()) -> pd.DataFrame:
    """Find the people the transcript introduces, with their roles.

    Returns columns name, role, start, end (the span of the introduction) and pattern (which
    rule of :data:`INTRO_PATTERNS` matched). Only introductions whose role names a person
    (see :data:`PERSON_NOUNS`), or self-introductions, are kept. ``series`` titles such as
    "Zooming In with Simone Gao" make their named host an introduction too.

    Example:
        >>> find_introductions("China expert Jiang Feng told me.")[["name", "role"]].values.tolist()
        [['Jiang Feng', 'China expert']]
    """
    rows = []
    common = common_words(text)
    for pattern, regex in INTRO_PATTERNS.items():
        for m in regex.finditer(text):
            name = m.group("name")
            if not _looks_like_person(name, common):
                continue
            if pattern == "role_before":
                # "Brigadier General Robert Spalding": titles in front of the name are role
                bare = strip_titles(name)
                role = _role_before(text, m.end() - len(bare))
                start = m.end() - len(bare) - len(role)
            else:
                role = m.groupdict().get("role") or ""
                start = m.start()
            role = _clean_role(role, name)
            if role and not (_role_word(role.split()[0]) or role.split()[0].lower() in ARTICLES
                             or _is_person_noun(role.split()[0])):
                continue  # "Favored Nations, which no President ...": not a role
            if pattern in ("self", "name_is"):
                pass  # "I'm Chris Wallace of Fox News": the affiliation is the role
            elif not role or not _has_person_noun(role):
                continue
            rows.append((strip_titles(name), role, start, m.end(), pattern))
    for title in series:
        m = SERIES_HOST.search(title or "")
        if m:
            show = title[:m.start()].strip()
            rows.append((strip_titles(m.group("name")), f"host of {show}", -1, -1, "series"))
    intros = pd.DataFrame(rows, columns=INTRO_COLUMNS)
    return intros.drop_duplicates(["name", "start"]).sort_values("start", kind="stable").reset_index(drop=True)


def canonical_names(labels: list[str], intros: pd.DataFrame) -> dict[str, str]:
    """Map each label to the canonical name of its person.

    Names with the same :func:`name_key` are one person; the canonical form is the first
    introduced one, else the most frequent label. A one-word label goes to the only
    multi-word name that contains it.

    Example:
        >>> intros = find_introductions("Tang Jingyuan who is a senior China analyst.")
        >>> canonical_names(["Jingyuan Tang", "Tang Jingyuan"], intros)
        {'Jingyuan Tang': 'Tang Jingyuan', 'Tang Jingyuan': 'Tang Jingyuan'}
    """
    return _clusters(labels, intros)[0]


def _clusters(labels: list[str], intros: pd.DataFrame):
    """Group names into people; return (label -> canonical, canonical -> info)."""
    people: dict[frozenset, dict] = {}
    order: list[frozenset] = []

    def person(key):
        if key not in people:
            people[key] = {"intro_names": [], "labels": Counter(), "roles": [], "spans": []}
            order.append(key)
        return people[key]

    for row in intros.itertuples(index=False):
        info = person(name_key(row.name))
        info["intro_names"].append(row.name)
        if row.role:
            info["roles"].append(row.role)
        if row.start >= 0:
            info["spans"].append((row.start, row.end))
    # "Foresight Jingyuan Tang" or "Robert J. Kline": a name holding another person's whole
    # multi-word name is that person.
    for key in sorted(order, key=len, reverse=True):
        inner = [k for k in order if k != key and len(k) > 1 and k < key]
        if inner:
            target = min(inner, key=lambda k: order.index(k))
            for field_name in ("intro_names", "roles", "spans"):
                people[target][field_name] += people[key][field_name]
            del people[key]
            order.remove(key)
    label_counts = Counter(labels)
    for label, count in label_counts.items():
        if label == NARRATOR:
            person(frozenset({NARRATOR.lower()}))["labels"][label] += count
            continue
        key = name_key(label)
        if key not in people and len(key) > 1:
            key = next((k for k in order if len(k) > 1 and k < key), key)
        if len(key) == 1 and key not in people:
            (token,) = key
            matches = [k for k in order if token in k and len(k) > 1]
            if len(matches) == 1:
                key = matches[0]
        person(key)["labels"][label] += count
    # "President Biden": a one-word introduced name joins the only multi-word name holding it.
    for key in [k for k in order if len(k) == 1]:
        holders = [k for k in order if len(k) > 1 and key < k]
        if len(holders) == 1:
            for field_name in ("intro_names", "roles", "spans", "labels"):
                people[holders[0]][field_name] += people[key][field_name]
            del people[key]
            order.remove(key)
    mapping, info_by_name = {}, {}
    for key in order:
        info = people[key]
        # multi-word names first, introduced forms before labels, then the plainest form
        candidates = [(len(name_key(n)) < 2, 0, len(name_key(n)), i, n) for i, n in enumerate(info["intro_names"])]
        candidates += [(len(name_key(n)) < 2, 1, len(name_key(n)), -c, strip_titles(n))
                       for n, c in info["labels"].most_common()]
        canonical = min(candidates)[-1]
        if canonical.isupper() and len(canonical) > 3 and not any(
                c.isdigit() or c == "_" for c in canonical):
            # "ANN LEE" in captions reads as "Ann Lee"; "SPEAKER_00" stays as diarised
            canonical = canonical.title()
        for label in info["labels"]:
            mapping[label] = canonical
        info_by_name[canonical] = info
    return mapping, info_by_name


def _label_title(labels) -> str:
    """The title a label carries in front of the name ("Senator Tom Reyes" -> "Senator")."""
    for label in labels:
        words = label.split()
        title = words[:len(words) - len(strip_titles(label).split())]
        if title and title[0].lower().rstrip(".") not in HONORIFICS:
            return " ".join(title)
    return ""


def build_roster(text: str, documents: pd.DataFrame, turns: pd.DataFrame, *,
                 source: str = "") -> tuple[pd.DataFrame, dict[str, str]]:
    """Build the roster of one source and the map from labels to canonical names.

    ``turns`` are the rows of :func:`doculens.segment.split_turns` for this source, with the
    label as written in ``speaker``. Returns the roster (columns speaker, aliases, role,
    n_turns, n_words, docs, source, start, end) and the label map. start/end locate the
    person's introduction, or their first label when they are never introduced.

    Example:
        >>> from doculens.segment import split_documents, split_turns
        >>> t = "I am Ann Lee.\\n\\nAnn: Hello there.\\n"
        >>> docs = split_documents(t); turns = split_turns(t, docs)
        >>> roster, names = build_roster(t, docs, turns)
        >>> names, roster.loc[0, "n_turns"]
        ({'Ann': 'Ann Lee'}, np.int64(1))
    """
    intros = find_introductions(text, series=list(documents.get("series", [])))
    labelled = turns[turns["attribution"] == "labelled"]
    mapping, people = _clusters(list(labelled["speaker"]), intros)
    resolved = turns.assign(speaker=turns["speaker"].map(lambda s: mapping.get(s, s)))
    if "n_words" not in resolved:
        resolved["n_words"] = [count_words(text[s:e]) for s, e in zip(resolved["start"], resolved["end"])]
    rows = []
    for name, info in people.items():
        mine = resolved[resolved["speaker"] == name]
        # forms that are this person's name exactly; "Foresight Jingyuan Tang" was merged in
        # as a longer mention and is not an alias
        key = name_key(name)
        forms = set(info["labels"]) | {n for n in info["intro_names"] if name_key(n) == key}
        aliases = sorted(forms - {name})
        role = info["roles"][0] if info["roles"] else _label_title(info["labels"])
        if name == NARRATOR:
            role = "narrator"
        if info["spans"]:
            start, end = info["spans"][0]
        else:
            first = labelled[labelled["speaker"].isin(list(info["labels"]))]
            start, end = (int(first["start"].iloc[0]), int(first["end"].iloc[0])) if len(first) else (-1, -1)
        docs = ";".join(str(d) for d in sorted(mine["doc_id"].unique()))
        rows.append((name, "; ".join(aliases), role, len(mine),
                     int(mine["n_words"].sum()), docs, source, start, end))
    roster = pd.DataFrame(rows, columns=ROSTER_COLUMNS)
    roster = roster.sort_values(["n_words", "speaker"], ascending=[False, True], kind="stable")
    return roster.reset_index(drop=True), mapping


SHARE_COLUMNS = ["speaker", "doc_id", "n_turns", "n_words", "share", "start", "end"]


def talk_share(turns: pd.DataFrame) -> pd.DataFrame:
    """Words and share of talk per speaker and document.

    ``turns`` needs speaker, doc_id, n_words, start and end. share is the speaker's words
    over all words of the document's turns; start/end span the speaker's first to last
    turn in that document. Unattributed turns count under speaker ``""``.

    Example:
        >>> t = pd.DataFrame({"speaker": ["Ann", "Bob", "Ann"], "doc_id": [1, 1, 1],
        ...                   "n_words": [30, 10, 60], "start": [0, 40, 60], "end": [35, 55, 90]})
        >>> talk_share(t)[["speaker", "n_words", "share"]].values.tolist()
        [['Ann', 90, 0.9], ['Bob', 10, 0.1]]
    """
    grouped = turns.groupby(["doc_id", "speaker"], as_index=False).agg(
        n_turns=("n_words", "size"), n_words=("n_words", "sum"), start=("start", "min"),
        end=("end", "max"))
    totals = grouped.groupby("doc_id")["n_words"].transform("sum").clip(lower=1)
    grouped["share"] = (grouped["n_words"] / totals).round(4)
    grouped = grouped.sort_values(["doc_id", "n_words"], ascending=[True, False], kind="stable")
    return grouped[SHARE_COLUMNS].reset_index(drop=True)
