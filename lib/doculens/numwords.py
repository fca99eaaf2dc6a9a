"""Number words, scales, units and currencies: the vocabulary behind :mod:`doculens.claims`.

Everything here is data (module-level constants, each naming its source) plus small
parsers: :func:`parse_number` for a number the extractor's regex matched, :func:`scan_number`
(a token-level grammar of English numbers: compounds of any size, "point" decimals,
fractions and ratios in words, mixed numbers, exponents, Indian and space grouping),
:func:`digit_value` for digit forms, and :func:`vague_range` for vague amounts such as
"tens of millions".

>>> parse_number("one hundred thousand")
100000.0
>>> parse_number("1.7 trillion")
1700000000000.0
>>> vague_range("hundreds of billions")
(100000000000.0, 1000000000000.0)
"""

from __future__ import annotations

import math
import re

# --- Number words ---------------------------------------------------------------------
# Source: English cardinal numerals (Cambridge Grammar of the English Language, ch. 5 §7).
ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "nought": 0, "naught": 0,   # British "nought point five"
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Multiplying words. "dozen" multiplies like "hundred" ("two dozen" = 24).
SMALL_SCALES: dict[str, int] = {"hundred": 100, "dozen": 12}
# Short-scale names (the usage of English-language news since the 1970s).
LARGE_SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales written after digits in news copy ("35m", "2.8bn", "$5k", "1.2tn").
# Source: Reuters and Guardian style guides ("m" million, "bn" billion, "tn" trillion).
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "million": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9,
    "t": 1e12, "tn": 1e12, "trn": 1e12, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
}
# Word ordinals (rank). Source: English ordinal numerals.
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
ORDINAL_WORDS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                      "seventieth": 70, "eightieth": 80, "ninetieth": 90})
# Denominator ordinals of the large numbers ("a hundredth", "a trillionth").
SCALE_ORDINALS: dict[str, float] = {"hundredth": 1e2, "thousandth": 1e3, "millionth": 1e6,
                                    "billionth": 1e9, "trillionth": 1e12}
# Fraction words (denominators) and their value as a proportion: "half", "quarter" and the
# ordinals from "third" up, singular and plural ("three fifths", "a trillionth").
# "first" and "second" are never denominators on their own ("a second" is time).
FRACTION_WORDS: dict[str, float] = {"half": 1 / 2, "halves": 1 / 2, "quarter": 1 / 4,
                                    "quarters": 1 / 4}
for _w, _v in [*ORDINAL_WORDS.items(), *SCALE_ORDINALS.items()]:
    if _v >= 3:
        FRACTION_WORDS[_w] = 1 / _v
        FRACTION_WORDS[_w + "s"] = 1 / _v
# Plural fraction words that never follow a bare count as a denominator ("two quarters" of a
# fiscal year, "the two halves") unless "of", "and" or the end follows: see claims.
# Multiplicative verbs and adjectives ("tripled", "quadruple"). Source: English
# multiplicative numerals (double, triple, quadruple, quintuple).
MULTIPLIER_WORDS: dict[str, float] = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twofold": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "threefold": 3, "treble": 3,
    "trebled": 3, "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
    "fourfold": 4, "quintuple": 5, "quintupled": 5, "fivefold": 5, "sixfold": 6,
    "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10, "twelvefold": 12,
    "twentyfold": 20, "fiftyfold": 50, "hundredfold": 100, "thousandfold": 1000,
}
# Vague plural amounts: "thousands" means 1e3..1e4 (an order of magnitude), "dozens" 12..120.
VAGUE_WORDS: dict[str, float] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
ORDER_OF_MAGNITUDE = 10.0  # "thousands" spans [1e3, 1e4)
DOZENS_SPAN = ORDER_OF_MAGNITUDE  # "dozens" spans 12 .. 120, like CQE's reading

_WORD_VALUES: dict[str, float] = {**ONES, **TENS}


def _alt(words) -> str:
    """A regex alternation of ``words``, longest first so prefixes never win."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


NONSCALE_WORD = rf"(?:(?:{_alt(TENS)})(?:[\s-](?:{_alt(k for k in ONES if ONES[k] < 10 and k != 'zero')}))?|{_alt(ONES)})"
SCALE_WORD = rf"(?:{_alt([*SMALL_SCALES, *LARGE_SCALES])})"
# A spelled-out number: chunks of (non-scale word, scale words*); "and" only after a scale
# ("one hundred and twenty"), "a" only before a scale ("a billion").
_CHUNK_END_SCALE = rf"(?:{NONSCALE_WORD}|a(?=\s+{SCALE_WORD}\b))(?:[\s-]+{SCALE_WORD})+"
_CHUNK = rf"(?:{NONSCALE_WORD}|a(?=\s+{SCALE_WORD}\b))(?:[\s-]+{SCALE_WORD})*"
WORD_NUMBER = rf"(?:{_CHUNK_END_SCALE}(?:\s+and)?[\s-]+)*{_CHUNK}"
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?|\.\d+"
# A slash fraction "1/2", "3/4" (not a date: no second slash).
SLASH_FRACTION = r"\d{1,3}\s?[/⁄]\s?\d{1,3}(?![\d/⁄])"
_SLASH_RE = re.compile(r"(\d+)\s?[/⁄]\s?(\d+)")
_TOKEN_RE = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?|\.\d+", re.IGNORECASE)


def parse_number(text: str) -> float:
    """Value of a number written in digits, words or both.

    >>> parse_number("two hundred and fifty"), parse_number("3,000"), parse_number("a dozen")
    (250.0, 3000.0, 12.0)
    """
    slash = _SLASH_RE.fullmatch(text.strip())
    if slash:
        return float(slash.group(1)) / float(slash.group(2))
    total = 0.0
    current = 0.0
    seen = False
    for token in _TOKEN_RE.findall(text.lower()):
        if token[0].isdigit() or token[0] == ".":
            current += float(token.replace(",", ""))
            seen = True
        elif token in _WORD_VALUES:
            current += _WORD_VALUES[token]
            seen = True
        elif token in SMALL_SCALES:
            current = (current if seen else 1.0) * SMALL_SCALES[token]
            seen = True
        elif token in SCALE_ABBREVIATIONS:
            total += (current if seen else 1.0) * SCALE_ABBREVIATIONS[token]
            current = 0.0
            seen = True
        elif token == "a":
            continue
    return total + current


def vague_range(text: str) -> tuple[float, float]:
    """(low, high) of a vague plural amount: "thousands" 1e3..1e4, "tens of millions" 1e7..1e8.

    >>> vague_range("thousands")
    (1000.0, 10000.0)
    """
    words = [w for w in text.lower().split() if w in VAGUE_WORDS]
    if words and words[0] == "dozens":
        base = VAGUE_WORDS["dozens"]
        low, high = base, base * DOZENS_SPAN
    else:
        low = 1.0
        for w in words:
            low *= VAGUE_WORDS[w]
        high = low * ORDER_OF_MAGNITUDE
    return float(low), float(high)


# --- Currencies -------------------------------------------------------------------------
# Source: ISO 4217 codes; symbols and names as written in English-language news.
CURRENCY_SYMBOLS: dict[str, str | None] = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "aud": "AUD",
    "c$": "CAD", "ca$": "CAD", "cad": "CAD", "hk$": "HKD", "hkd": "HKD", "nz$": "NZD",
    "s$": "SGD", "r$": "BRL", "$": None,  # None: the default currency (USD unless told)
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY",
    "rmb": "CNY", "cny": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR",
    "₩": "KRW", "krw": "KRW", "rm": "MYR", "myr": "MYR", "₪": "ILS", "nis": "ILS",
    "ils": "ILS", "₽": "RUB", "rub": "RUB", "chf": "CHF", "sek": "SEK",
}
# Symbols written in letters straight against the digits ("RM79", "Rs500", "$US113", "PS6m").
# "PS" and "Y=" are "£" and "¥" as folded to ASCII by some news pipelines (seen in NewsQuant).
ATTACHED_CURRENCY_SYMBOLS = ("RM", "Rs", "PS", "$US", "$A", "$NZ", "$HK", "$C", "US$", "HK$", "S$", "A$", "C$", "NZ$",
                             "R$", "Y=", "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "CHF",
                             "INR", "HKD", "SGD", "NZD", "usd", "eur", "gbp")
# Spaced forms as in tokenised text ("hk $ 5"); not "a $" or "s $" ("a $5 fee", "'s $5").
CURRENCY_SYMBOLS.update({"ps": "GBP", "$us": "USD", "y=": "JPY", "hk $": "HKD",
                         "c $": "CAD", "nz $": "NZD", "au $": "AUD", "usd$": "USD", "us $": "USD",
                         "aud$": "AUD", "cad$": "CAD", "nzd$": "NZD", "mxn$": "MXN",
                         "mx$": "MXN", "mex$": "MXN", "hkd$": "HKD", "sgd$": "SGD",
                         # Unicode currency signs (Unicode block "Currency Symbols", U+20A0..)
                         "$a": "AUD", "$c": "CAD", "$nz": "NZD", "$hk": "HKD", "$s": "SGD", "₡": "CRC", "₾": "GEL", "₭": "LAK", "₿": "BTC", "₦": "NGN", "₫": "VND",
                         "₱": "PHP", "₴": "UAH", "₺": "TRY", "฿": "THB", "元": "CNY",
                         "円": "JPY", "₮": "MNT", "₸": "KZT", "₼": "AZN"})
# Signs also read after the amount ("10 €", "100元").
CURRENCY_SIGNS_AFTER: dict[str, str | None] = {
    k: v for k, v in CURRENCY_SYMBOLS.items() if len(k) == 1 and not k.isalpha() or k in "元円"}
CURRENCY_WORDS: dict[str, str | None] = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "australian dollar": "AUD", "canadian dollars": "CAD",
    "canadian dollar": "CAD", "hong kong dollars": "HKD", "hong kong dollar": "HKD",
    "singapore dollars": "SGD", "new zealand dollars": "NZD", "dollars": None, "dollar": None,
    "bucks": None, "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pound sterling": "GBP", "sterling": "GBP", "yen": "JPY",
    "rupees": "INR", "rupee": "INR", "ringgit": "MYR", "shekels": "ILS", "shekel": "ILS",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "swiss francs": "CHF",
    "francs": "CHF", "pesos": "MXN", "peso": "MXN", "won": "KRW", "baht": "THB",
    "dirhams": "AED", "riyals": "SAR", "lira": "TRY", "rand": "ZAR", "kronor": "SEK",
    "krona": "SEK", "finnish markka": "FIM", "markka": "FIM", "deutsche marks": "DEM",
    "marks": "DEM", "cents": "USD", "cent": "USD", "pence": "GBP",
}
# ISO 4217 currency names in English (source: ISO 4217 list of current and historic codes,
# "Currency" column, SIX Financial Information), with the adjective forms used in news copy.
# code -> names; plurals are added below ("euros", "pesetas"); ambiguous bare words ("real",
# "crown", "sol", "kip", "mark" in the singular) are only read with their country adjective.
ISO4217_NAMES: dict[str, tuple[str, ...]] = {
    "USD": ("us dollar", "u.s. dollar", "united states dollar", "american dollar"),
    "AUD": ("australian dollar",), "CAD": ("canadian dollar",), "HKD": ("hong kong dollar",),
    "SGD": ("singapore dollar",), "NZD": ("new zealand dollar",), "TWD": ("taiwan dollar",
    "new taiwan dollar", "taiwanese dollar"), "JMD": ("jamaican dollar",),
    "ZWL": ("zimbabwean dollar", "zimbabwe dollar"),
    "EUR": ("euro",), "GBP": ("british pound", "pound sterling", "uk pound"),
    "EGP": ("egyptian pound",), "LBP": ("lebanese pound",), "SYP": ("syrian pound",),
    "CHF": ("swiss franc",), "FRF": ("french franc",), "BEF": ("belgian franc",),
    "XOF": ("cfa franc",), "MXN": ("mexican peso",), "ARS": ("argentine peso",
    "argentinian peso"), "CLP": ("chilean peso",), "COP": ("colombian peso",),
    "PHP": ("philippine peso",), "CUP": ("cuban peso",), "INR": ("indian rupee",),
    "PKR": ("pakistani rupee", "pakistan rupee"), "LKR": ("sri lankan rupee",),
    "NPR": ("nepalese rupee",), "IDR": ("indonesian rupiah", "rupiah"),
    "SEK": ("swedish krona", "swedish kronor", "swedish crown"),
    "NOK": ("norwegian krone", "norwegian kroner", "norwegian crown"),
    "DKK": ("danish krone", "danish kroner", "danish crown"), "ISK": ("icelandic krona", "icelandic kronur"),
    "CZK": ("czech koruna", "koruna"), "TRY": ("turkish lira",), "ITL": ("italian lira",),
    "KWD": ("kuwaiti dinar",), "JOD": ("jordanian dinar",), "BHD": ("bahraini dinar",),
    "IQD": ("iraqi dinar",), "RSD": ("serbian dinar",), "LYD": ("libyan dinar",),
    "TND": ("tunisian dinar",), "DZD": ("algerian dinar",), "SAR": ("saudi riyal", "riyal"),
    "QAR": ("qatari riyal", "qatari rial"), "OMR": ("omani rial",), "IRR": ("iranian rial", "rial"),
    "YER": ("yemeni rial",), "AED": ("uae dirham", "emirati dirham", "dirham"),
    "MAD": ("moroccan dirham",), "CNY": ("chinese yuan", "yuan", "renminbi", "yuan renminbi"),
    "JPY": ("japanese yen", "yen"), "KRW": ("south korean won", "korean won"),
    "ZAR": ("south african rand", "rand"), "BRL": ("brazilian real", "reais"),
    "RUB": ("russian ruble", "russian rouble", "ruble", "rouble"), "FIM": ("finnish markka",
    "markka", "markkaa"), "DEM": ("deutsche mark", "deutschmark", "german mark"),
    "NLG": ("dutch guilder", "netherlands guilder", "guilder"), "ESP": ("spanish peseta",
    "peseta"), "PTE": ("portuguese escudo", "escudo"), "GRD": ("greek drachma", "drachma"),
    "ATS": ("austrian schilling",), "IEP": ("irish punt",), "PLN": ("polish zloty", "zloty",
    "zlotys", "zlotych"), "HUF": ("hungarian forint", "forint"), "RON": ("romanian leu", "lei"),
    "UAH": ("ukrainian hryvnia", "hryvnia", "hryvnias"), "KZT": ("kazakh tenge", "tenge"),
    "GEL": ("georgian lari", "lari"), "THB": ("thai baht", "baht"), "VND": ("vietnamese dong",),
    "MYR": ("malaysian ringgit", "ringgit"), "NGN": ("nigerian naira", "naira"),
    "GHS": ("ghanaian cedi", "cedi"), "KES": ("kenyan shilling",), "UGX": ("ugandan shilling",),
    "TZS": ("tanzanian shilling",), "ETB": ("ethiopian birr", "birr"), "BDT": ("bangladeshi taka",
    "taka"), "ILS": ("israeli shekel", "new israeli shekel", "shekel"), "CRC": ("costa rican colon",
    "costa rican colón", "colones"), "LAK": ("lao kip", "laotian kip"),
    "HRK": ("croatian kuna", "kuna"), "BGN": ("bulgarian lev",), "PEN": ("peruvian sol",),
    "VEF": ("venezuelan bolivar", "bolivar"), "BTC": ("bitcoin",),
}
_IRREGULAR_PLURALS = {"peso": "pesos", "real": "reais", "krona": "kronor", "krone": "kroner",
                      "lira": "lire", "rand": "rand", "yen": "yen", "yuan": "yuan", "won": "won",
                      "baht": "baht", "taka": "taka", "naira": "naira", "rupiah": "rupiah",
                      "renminbi": "renminbi", "ringgit": "ringgit", "tenge": "tenge",
                      "dong": "dong", "kip": "kip", "leu": "lei", "lev": "leva",
                      "markka": "markkaa", "colon": "colones", "colón": "colones"}


def _plural(name: str) -> str:
    head = name.split()[-1]
    plural = _IRREGULAR_PLURALS.get(head, head if head.endswith(("s", "i", "h")) else head + "s")
    return name[: len(name) - len(head)] + plural


for _code, _names in ISO4217_NAMES.items():
    for _name in _names:
        for _form in {_name, _plural(_name)}:
            CURRENCY_WORDS.setdefault(_form, _code)
# Lower-case ISO codes written as words after an amount ("half million usd", "6.25 btc").
CURRENCY_WORDS.update({c.lower(): c for c in ("USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD",
                                              "CHF", "INR", "HKD", "SGD", "NZD", "BTC")})
# Codes with a scale prefix, as in Nordic and German business reports ("30 MUSD", "120 MEUR",
# "5 kEUR"): surface (lower case) -> (code, factor).
SCALED_CURRENCY_CODES: dict[str, tuple[str, float]] = {
    f"{p}{c.lower()}": (c, f) for p, f in (("m", 1e6), ("k", 1e3), ("t", 1e3))
    for c in ("USD", "EUR", "GBP", "AUD", "SEK", "NOK", "DKK", "CHF", "CAD")}
CURRENCY_WORDS.update({"bitcoins": "BTC", "pennies": "GBP", "penny": "GBP", "fen": "CNY",
                       "paise": "INR", "kopecks": "RUB", "kopeks": "RUB", "satoshis": "BTC",
                       "satoshi": "BTC", "lira": "TRY", "lire": "ITL"})
# Minor units: the word's value in the major currency. Source: ISO 4217 minor unit exponents.
MINOR_UNITS: dict[str, float] = {"cents": 0.01, "cent": 0.01, "pence": 0.01, "p": 0.01,
                                 "penny": 0.01, "pennies": 0.01, "fen": 0.01, "paise": 0.01,
                                 "kopecks": 0.01, "kopeks": 0.01, "satoshis": 1e-8,
                                 "satoshi": 1e-8}
# "pounds" after a scaled amount is money ("361 million pounds"), after a plain one a weight.
POUND_WORDS = ("pounds", "pound")

# --- Physical units and durations -------------------------------------------------------
# Source: SI brochure (BIPM, 9th ed.) and US customary units, surface forms as in news copy.
# Surface form (lower case unless case matters) -> canonical unit code.
QUANTITY_UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "cm": "cm", "centimeter": "cm", "centimeters": "cm", "centimetre": "cm",
    "centimetres": "cm", "mm": "mm", "millimeter": "mm", "millimeters": "mm",
    "millimetre": "mm", "millimetres": "mm", "micrometre": "um", "micrometres": "um", "μm": "um", "µm": "um",
    "micrometer": "um", "micrometers": "um", "microns": "um", "micron": "um",
    "nm": "nm", "nanometers": "nm", "nanometres": "nm",
    "mile": "mile", "miles": "mile", "mi": "mile", "ft": "ft", "foot": "ft", "feet": "ft",
    "inch": "inch", "inches": "inch", "yard": "yard", "yards": "yard", "yd": "yard",
    "nautical miles": "nmi", "light years": "ly", "light-years": "ly",
    "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "g": "g", "gram": "g", "grams": "g", "mg": "mg", "milligram": "mg", "milligrams": "mg",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb", "ounce": "oz", "ounces": "oz",
    "oz": "oz", "ton": "ton", "tons": "ton", "tonne": "ton", "tonnes": "ton",
    "metric tons": "ton", "gigatons": "Gt", "gigatonnes": "Gt", "megatons": "Mt",
    "l": "L", "liter": "L", "liters": "L", "litre": "L", "litres": "L", "ml": "mL",
    "milliliter": "mL", "milliliters": "mL", "millilitre": "mL", "millilitres": "mL",
    "gallon": "gal", "gallons": "gal", "barrel": "barrel", "barrels": "barrel",
    # US customary / imperial volumes (NIST Handbook 44, appendix C)
    "pint": "pt", "pints": "pt", "quart": "qt", "quarts": "qt", "fluid ounce": "fl oz",
    "fluid ounces": "fl oz", "fl oz": "fl oz", "fl. oz.": "fl oz",
    "bbl": "barrel", "cubic feet": "ft3", "cubic foot": "ft3", "cubic meters": "m3",
    "cubic metres": "m3", "square feet": "ft2", "square foot": "ft2", "sq ft": "ft2",
    "square meters": "m2", "square metres": "m2", "sq m": "m2", "square miles": "mi2",
    "square kilometers": "km2", "square kilometres": "km2", "acres": "acre", "acre": "acre",
    "hectares": "ha", "hectare": "ha",
    "w": "W", "watt": "W", "watts": "W", "kw": "kW", "kilowatt": "kW", "kilowatts": "kW",
    "mw": "MW", "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW",
    "gigawatts": "GW", "tw": "TW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "mah": "mAh", "v": "V", "volts": "V",
    "volt": "V", "kilovolt": "kV", "kilovolts": "kV", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz", "hertz": "Hz",
    "gigahertz": "GHz", "megahertz": "MHz", "f": "F", "farad": "F", "farads": "F",
    "m.p.h.": "mph", "m.p.h": "mph", "km/hr": "km/h", "parts per million": "ppm",
    "parts per billion": "ppb", "″": "inch", "′": "ft",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "kmh": "km/h", "m/s": "m/s", "knots": "kn",
    "miles per hour": "mph", "kilometers per hour": "km/h", "kilometres per hour": "km/h",
    "mpg": "mpg", "miles per gallon": "mpg", "rpm": "rpm", "hp": "hp", "horsepower": "hp",
    "bhp": "bhp", "psi": "psi", "ksi": "ksi", "gpa": "GPa", "mpa": "MPa", "kpa": "kPa",
    "pound-feet": "lb-ft", "lb-ft": "lb-ft", "foot-pounds": "ft-lb", "nm torque": "N m",
    "gb": "GB", "gigabytes": "GB", "gigabyte": "GB", "mb": "MB", "megabytes": "MB",
    "tb": "TB", "terabytes": "TB", "kb": "kB", "mbps": "Mbps", "gbps": "Gbps",
    "degrees": "deg", "degree": "deg", "°": "deg", "°c": "degC", "°f": "degF",
    "degrees celsius": "degC", "degrees fahrenheit": "degF", "celsius": "degC",
    "fahrenheit": "degF", "ppm": "ppm", "ppb": "ppb", "calories": "kcal", "kcal": "kcal",
    "cylinders": "cylinder", "cylinder": "cylinder", "points": "point", "point": "point",
    "basis points": "bp", "basis point": "bp", "bps": "bp", "carats": "ct", "megapixels": "MP", "mp": "MP",
    "degf": "degF", "deg f": "degF", "degc": "degC", "deg c": "degC", "°c.": "degC",
    "m2": "m2", "km2": "km2", "cm2": "cm2", "m3": "m3", "sq km": "km2", "sq mi": "mi2",
}
# Units whose surface must match case-sensitively (a lower-case "m" after digits is the
# million abbreviation; "MW" is a unit, "mw" rarely is). Surface -> canonical code.
CASED_UNITS: dict[str, str] = {"MW": "MW", "GW": "GW", "kW": "kW", "W": "W", "V": "V",
                               "kV": "kV", "PS": "PS",   # kilovolt; metric horsepower (DIN 70020)
                               "F": "F", "L": "L", "MP": "MP", "Nm": "N m", "TW": "TW",
                               "″": "inch", "′": "ft"}   # double and single prime
# Single-letter units read only when written against the digits ("45g", "5m" is million).
ATTACHED_UNITS: dict[str, str] = {"g": "g", "l": "L", "lb": "lb"}
# Currency codes written after an amount ("108.79 JPY"). Source: ISO 4217.
CURRENCY_CODES = ("USD", "EUR", "JPY", "GBP", "CNY", "RMB", "AUD", "CAD", "HKD", "INR", "CHF",
                  "MYR", "SGD", "NZD", "KRW", "RUB", "ZAR", "SEK", "NOK", "DKK", "BRL", "MXN",
                  "BTC", "TRY", "PLN", "THB", "IDR", "TWD", "SAR", "AED")
# Durations: surface -> (canonical unit, factor). Source: the duration units.
DURATION_UNITS: dict[str, tuple[str, float]] = {
    "year": ("year", 1), "years": ("year", 1), "yr": ("year", 1), "yrs": ("year", 1),
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100),
    "centuries": ("year", 100), "month": ("month", 1), "months": ("month", 1),
    "week": ("week", 1), "weeks": ("week", 1), "day": ("day", 1), "days": ("day", 1),
    "hour": ("hour", 1), "hours": ("hour", 1), "hrs": ("hour", 1), "minute": ("minute", 1),
    "minutes": ("minute", 1), "mins": ("minute", 1), "min": ("minute", 1), "second": ("second", 1),
    "seconds": ("second", 1), "secs": ("second", 1),
}
PERCENT_WORDS = ("%", "percent", "per cent", "pct", "percentage points", "percentage point",
                 "per cent points", "pc")

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


# --- A grammar of English numbers -------------------------------------------------------
# :func:`scan_number` reads the longest well-formed number at a position, token by token:
#   number   := cardinal ["point" digit-words] [fraction-tail | ratio] [scale]
#   cardinal := chunk ([and] chunk)*  with strictly decreasing large scales
#   chunk    := (digits | word | "a") [hundred] [dozen] [large scale]
# "and" is taken only when what follows it continues the number ("one hundred and five"),
# never between two whole numbers ("5 million and 3 million", "between 5 and 10").
# Fractions: "three fifths", "a trillionth", "twenty and three fifths" (mixed: the fraction is
# smaller than one), "one hundred and thirty fifths" (= 130/5), "two million and a half"
# (= 2.5 million: a fraction after a scale is a fraction of that scale), "two thirds of a
# million", "half a million". Ratios: "one over three", "two out of five", "one in five".
# Exponents on digits: "1.3e6", "10^6", "1.1^23", "6.23x10^-4".
LARGE_WORD_SCALES: dict[str, float] = {**LARGE_SCALES, "lakh": 1e5, "lakhs": 1e5,
                                       "crore": 1e7, "crores": 1e7}
# Abbreviations read as scales when written after digits with a space ("10 bln", "2.33 k").
SPACED_SCALE_ABBREVIATIONS: dict[str, float] = {"k": 1e3, "mln": 1e6, "mn": 1e6, "bn": 1e9,
                                                "bln": 1e9, "tn": 1e12, "tln": 1e12,
                                                "trn": 1e12}
DIGIT_WORDS: dict[str, int] = {k: v for k, v in ONES.items() if v < 10}
_DIGIT_ATOM = (r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"        # Indian grouping 12,34,567
               r"|\d{1,3}(?:,\d{3})+(?![\d])"
               r"|\d{1,3}(?:\u202f\d{3})+(?!\d)|\d{1,3}(?:\s\d{3}){2,}(?![\d,]|\.\d)"
               r"|\d{1,3}\s000(?![\d,]|\.\d)|\d+)(?:\.\d+)?|\.\d+")
# Unicode vulgar fractions (Unicode "Number Forms" block), alone or after digits ("2½").
VULGAR_FRACTIONS: dict[str, float] = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4,
                                      "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6,
                                      "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
_VULGAR = "[" + "".join(VULGAR_FRACTIONS) + "]"
_EXPONENT = (r"(?:[eE][-+]?\d+(?![\w])|\s?\^\s?[-+]*\d+|\s?[x×]\s?10\s?\^\s?[-−+]?\d+"
             r"|\s?×\s?10[-−]\d+)")   # "1.99×10−30": a superscript exponent flattened
_SCAN_TOKEN_RE = re.compile(
    rf"(?P<sep>[\s\u202f\u00a0]*(?:-[\s\u202f\u00a0]*)?)"
    rf"(?:(?P<mixed>\d{{1,3}}\s{{1,2}}\d{{1,2}}\s?/\s?\d{{1,2}}(?![\d/]))"
    rf"|(?P<d>(?:{_DIGIT_ATOM})(?:{_EXPONENT})?)(?P<dv>{_VULGAR})?(?![\d])|(?P<v>{_VULGAR})"
    rf"|(?P<w>[a-z]+))")
_EXP_RE = re.compile(r"[eE]([-+]?\d+)$|\^\s?([-+]*)(\d+)$|[x×]\s?10\s?\^?\s?([-−+]?\d+)$")


def digit_value(surface: str) -> float:
    """Value of a number written in digits: groupings, exponents ("1.3e6", "1.1^23",
    "6.23x10^-4") and mixed fractions ("2 1/4").

    >>> digit_value("12,34,567.89"), digit_value("1.3x10^6"), digit_value("2 1/4")
    (1234567.89, 1300000.0, 2.25)
    """
    mixed = re.fullmatch(r"(\d+)\s+(\d+)\s?/\s?(\d+)", surface)
    if mixed:
        return float(mixed.group(1)) + float(mixed.group(2)) / float(mixed.group(3))
    exp = _EXP_RE.search(surface)
    base = surface[:exp.start()] if exp else surface
    value = float(re.sub(r"[,\s\u202f]", "", base))
    if not exp:
        return value
    if exp.group(1) is not None:
        return value * 10.0 ** int(exp.group(1))
    if exp.group(3) is not None:
        sign = -1 if exp.group(2).count("-") % 2 else 1
        return value ** (sign * int(exp.group(3)))
    return value * 10.0 ** int(exp.group(4).replace("−", "-"))


class Scanned:
    """A number read by :func:`scan_number`: ``end`` (offset after it), ``value``, and
    ``fraction`` (True for a proportion: "three fifths", "one in five")."""

    __slots__ = ("end", "value", "fraction")

    def __init__(self, end: int, value: float, fraction: bool = False):
        self.end, self.value, self.fraction = end, value, fraction

    def __repr__(self):
        return f"Scanned(end={self.end}, value={self.value!r}, fraction={self.fraction})"


MAX_SCAN_TOKENS = 24


def _tokens(lowered: str, pos: int) -> list[tuple[str, object, int, int]]:
    """(kind, value, start, end) tokens from ``pos``: kinds d (digits), w (word)."""
    out = []
    i = pos
    for _ in range(MAX_SCAN_TOKENS):
        m = _SCAN_TOKEN_RE.match(lowered, i)
        if not m:
            break
        if out and "\n\n" in m.group("sep"):
            break
        if m.group("mixed"):
            out.append(("d", digit_value(m.group("mixed")), m.start("mixed"), m.end()))
        elif m.group("d"):
            extra = VULGAR_FRACTIONS[m.group("dv")] if m.group("dv") else 0.0
            out.append(("d", digit_value(m.group("d")) + extra, m.start("d"), m.end()))
        elif m.group("v"):
            out.append(("d", VULGAR_FRACTIONS[m.group("v")], m.start("v"), m.end()))
        else:
            if m.group("w") not in _SCAN_VOCABULARY:
                break           # no rule of the grammar reads this word
            out.append(("w", m.group("w"), m.start("w"), m.end()))
        i = m.end()
    return out


_SCAN_VOCABULARY = frozenset([*ONES, *TENS, *SMALL_SCALES, "hundreds", "dozens",
                              *LARGE_WORD_SCALES, *SPACED_SCALE_ABBREVIATIONS, *FRACTION_WORDS,
                              *ORDINAL_WORDS, *(w + "s" for w in ORDINAL_WORDS), "a", "an",
                              "and", "point", "over", "out", "of", "in"])


def _word(tok) -> str:
    return tok[1] if tok[0] == "w" else ""


def _small(toks, j):
    """A number below 100 in words or any digits at ``j``: (value, next j, is_digits)."""
    if j >= len(toks):
        return None
    kind, val, _, _ = toks[j]
    if kind == "d":
        return float(val), j + 1, True
    if val in TENS:
        nxt = _word(toks[j + 1]) if j + 1 < len(toks) else ""
        if nxt in DIGIT_WORDS and DIGIT_WORDS[nxt] > 0:
            return float(TENS[val] + DIGIT_WORDS[nxt]), j + 2, False
        return float(TENS[val]), j + 1, False
    if val in ONES:
        return float(ONES[val]), j + 1, False
    return None


def _denominator(toks, j):
    """A fraction denominator at ``j`` ("fifths", "twenty-firsts", "hundredths")."""
    w = _word(toks[j]) if j < len(toks) else ""
    if w in FRACTION_WORDS:
        return 1 / FRACTION_WORDS[w], j + 1, not w.endswith("s") or w == "halves"
    if w in TENS and j + 1 < len(toks):
        w2 = _word(toks[j + 1])
        for suffix in ("", "s"):
            base = w2[:-1] if suffix and w2.endswith("s") else w2
            if base in ORDINAL_WORDS and ORDINAL_WORDS[base] < 10:
                return TENS[w] + ORDINAL_WORDS[base], j + 2, not suffix
    return None


def _cardinal(toks, i):
    """The longest cardinal from token ``i``: (value, next j, last scale, last kind) or None."""
    total = 0.0
    group = None          # the current chunk below the last large scale
    last_small = 0.0
    last_large = math.inf
    prev = None           # None, "a", "small", "digits", "hundred", "large", "point", "dozen"
    j = i
    pending = None        # state saved before an "and" not yet confirmed
    n = len(toks)
    while j < n:
        kind, val, _, _ = toks[j]
        w = val if kind == "w" else ""
        if kind == "d" or w in ONES or w in TENS:
            if prev in ("small", "digits", "point", "a", "dozen"):
                break
            small = _small(toks, j)
            if prev == "hundred" and (small[0] >= 100 or group % 100):
                break
            if prev == "large" and small[0] >= last_large:
                break
            if prev == "large" and kind == "d":
                # "4 thousand 3 hundred": digits after a scale only when a scale follows
                nxt = _word(toks[small[1]]) if small[1] < n else ""
                if nxt not in SMALL_SCALES and nxt not in LARGE_WORD_SCALES:
                    break
            group = (group or 0.0) + small[0]
            last_small = small[0]
            soft = None
            if pending and pending[4] == "hundred":
                soft, pending = pending, None    # "one hundred and five" (unless a scale follows)
            prev = "digits" if small[2] else "small"
            j = small[1]
            if soft and j < n and (_word(toks[j]) in SMALL_SCALES or _word(toks[j]) in LARGE_WORD_SCALES):
                nxt = _word(toks[j])
                scale = SMALL_SCALES.get(nxt) or LARGE_WORD_SCALES[nxt]
                if nxt in SMALL_SCALES or scale >= soft[3]:
                    total, group, last_small, last_large, prev, j = soft   # "one hundred and two hundred"
                    break
            continue
        if w == "a" or w == "an":
            if prev is not None:
                break
            nxt = _word(toks[j + 1]) if j + 1 < n else ""
            if nxt not in SMALL_SCALES and nxt not in LARGE_WORD_SCALES:
                break
            group, last_small, prev = 1.0, 1.0, "a"
            j += 1
            continue
        if w in ("hundred", "hundreds"):
            if prev not in ("small", "digits", "a") or (prev == "small" and group >= 100) \
                    or (w == "hundreds" and prev == "a"):
                break
            if group >= 100:
                if prev == "digits" and pending is None:
                    group *= 100          # "322 hundred"
                else:
                    break                 # "one hundred and two hundred"
            else:
                group *= 100
            if pending:
                pending = None
            prev = "hundred"
            j += 1
            continue
        if w in ("dozen", "dozens"):
            if prev not in ("small", "digits", "a"):
                break
            group += last_small * 11
            prev = "dozen"
            j += 1
            continue
        if w in LARGE_WORD_SCALES or (kind == "w" and prev in ("digits", "point")
                                      and w in SPACED_SCALE_ABBREVIATIONS
                                      and toks[j][2] > toks[j - 1][3]):
            scale = LARGE_WORD_SCALES.get(w) or SPACED_SCALE_ABBREVIATIONS[w]
            if prev == "large" and w in ("crore", "crores") and pending is None:
                total *= scale        # "three lakh crore"
                last_large = min(last_large, scale)
                j += 1
                continue
            if prev not in ("small", "digits", "a", "hundred", "dozen", "point") or scale >= last_large:
                break
            total += (group if group is not None else 1.0) * scale
            group, last_large, prev = None, scale, "large"
            pending = None            # "one thousand and five hundred thousand" is one number
            j += 1
            continue
        if w == "point" and prev in ("small", "hundred"):
            digits = ""
            k = j + 1
            while k < n:
                wk = _word(toks[k])
                if wk in DIGIT_WORDS:
                    digits += str(DIGIT_WORDS[wk])
                    k += 1
                    continue
                if not digits and (wk in TENS or wk in ONES):
                    small = _small(toks, k)
                    digits += str(int(small[0]))
                    k = small[1]
                break
            if not digits:
                break
            group = (group or 0.0) + float("0." + digits)
            prev = "point"
            j = k
            continue
        if w == "and" and prev in ("hundred", "large") and pending is None:
            f = _fraction(toks, j + 1)
            if f and f[0] < 1:
                break                 # "twenty and three fifths": a mixed number, see scan
            pending = (total, group, last_small, last_large, prev, j)
            j += 1
            continue
        break
    if pending and not (prev == "small" and pending[4] == "large"):
        total, group, last_small, last_large, prev, j = pending   # "5 million and 20 jobs"
    if prev is None or prev == "a" and group == 1.0 and j == i + 1:
        return None
    value = total + (group or 0.0)
    return value, j, last_large, prev


def _fraction(toks, i):
    """A fraction at ``i``: "three fifths", "a half", "one hundred thirty-two fifths":
    (value, next j)."""
    w = _word(toks[i]) if i < len(toks) else ""
    if w in ("a", "an"):
        den = _denominator(toks, i + 1)
        if den:
            return 1 / den[0], den[1]
        card = _cardinal(toks, i)
    else:
        card = _cardinal(toks, i)
    if not card:
        return None
    den = _denominator(toks, card[1])
    if not den or (den[2] and card[0] != 1):
        return None
    return card[0] / den[0], den[1]


def _scale_after(toks, j):
    """A large scale at ``j``, also "of a million": (scale, next j) or None."""
    if j < len(toks) and _word(toks[j]) in LARGE_WORD_SCALES:
        return LARGE_WORD_SCALES[_word(toks[j])], j + 1
    if j + 2 < len(toks) and _word(toks[j]) == "of" and _word(toks[j + 1]) in ("a", "an") \
            and _word(toks[j + 2]) in LARGE_WORD_SCALES:
        return LARGE_WORD_SCALES[_word(toks[j + 2])], j + 3
    return None


RATIO_WORDS = ("over", "out of", "in")


def scan_number(text: str, pos: int = 0, *, lowered: bool = False) -> Scanned | None:
    """The longest number in words and/or digits starting at ``pos`` (see the grammar above).

    >>> scan_number("two hundred point zero three").value
    200.03
    >>> scan_number("one million two hundred thousand").value
    1200000.0
    >>> scan_number("twenty and three fifths").value, scan_number("a trillionth").value
    (20.6, 1e-12)
    """
    lowered = text if lowered else text.lower()
    toks = _tokens(lowered, pos)
    if not toks:
        return None
    first = _word(toks[0])
    # "half a million", "half million", "quarter million"
    if first in ("half", "quarter"):
        j = 1 + (len(toks) > 2 and _word(toks[1]) in ("a", "an"))
        sc = _scale_after(toks, j)
        if sc:
            return Scanned(toks[sc[1] - 1][3], FRACTION_WORDS[first] * sc[0])
        return None
    if len(toks) == 1 or toks[0][3] < len(lowered) and lowered[toks[0][2]] in VULGAR_FRACTIONS:
        if lowered[toks[0][2]] in VULGAR_FRACTIONS:
            return Scanned(toks[0][3], toks[0][1], fraction=True)     # "⅔"
    card = _cardinal(toks, 0)
    frac = _fraction(toks, 0)
    if frac and (not card or frac[1] > card[1]):
        value, j = frac
        sc = _scale_after(toks, j)
        if sc:
            return Scanned(toks[sc[1] - 1][3], value * sc[0])
        return Scanned(toks[j - 1][3], value, fraction=value <= 1)
    if not card:
        return None
    value, j, last_large, prev = card
    end = toks[j - 1][3]
    n = len(toks)
    # mixed numbers and fractions of a scale: "twenty and three fifths", "3 million and a half"
    if j + 1 < n and _word(toks[j]) == "and":
        f = _fraction(toks, j + 1)
        if f and f[0] < 1:
            sc = _scale_after(toks, f[1])
            if sc and prev == "large" and sc[0] < last_large:
                return Scanned(toks[sc[1] - 1][3], value + f[0] * sc[0])   # "a billion and a half million"
            if sc and prev != "large":
                return Scanned(toks[sc[1] - 1][3], (value + f[0]) * sc[0])  # "five and a half million"
            unit = last_large if prev == "large" else 1.0
            return Scanned(toks[f[1] - 1][3], value + f[0] * unit)
    # ratios: "one over three", "two out of five hundred", "one in five"
    if j < n and prev != "point":
        w = _word(toks[j])
        k = j + 1
        if w == "out" and k < n and _word(toks[k]) == "of":
            k += 1
        elif w not in ("over", "in"):
            k = None
        if k is not None and k < n:
            den = _cardinal(toks, k)
            if den and den[0] > 0 and not (den[3] == "digits" and 1100 <= den[0] <= 2100
                                           and float(den[0]).is_integer()):
                den_end = toks[den[1] - 1][3]
                after = lowered[den_end:den_end + 2]
                ok = True
                if w == "over":
                    ok = not re.match(r"\s*[a-z]", after)
                elif w == "out":
                    ok = value <= den[0]
                elif w == "in":
                    ok = value.is_integer() and 0 < value < den[0] and value <= 10 \
                        and float(den[0]).is_integer() and (den[3] != "digits" or den[0] <= 100)
                if ok:
                    return Scanned(den_end, value / den[0], fraction=True)
    # a fraction whose numerator is the whole cardinal: "one hundred and thirty fifths"
    den = _denominator(toks, j)
    if den and not den[2] and prev in ("small", "hundred", "large"):
        val = value / den[0]
        sc = _scale_after(toks, den[1])
        if sc:
            return Scanned(toks[sc[1] - 1][3], val * sc[0])
        return Scanned(toks[den[1] - 1][3], val, fraction=val <= 1)
    # "five and a half million"
    return Scanned(end, value)
