"""Number words, scales, units and currencies: the vocabulary behind :mod:`doculens.claims`.

Everything here is data (module-level constants, each naming its source) plus two small
parsers: :func:`parse_number` for a number written in digits and/or words, and
:func:`vague_range` for vague amounts such as "tens of millions".

>>> parse_number("one hundred thousand")
100000.0
>>> parse_number("1.7 trillion")
1700000000000.0
>>> vague_range("hundreds of billions")
(100000000000.0, 1000000000000.0)
"""

from __future__ import annotations

import re

# --- Number words ---------------------------------------------------------------------
# Source: English cardinal numerals (Cambridge Grammar of the English Language, ch. 5 §7).
ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
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
# Fraction words (denominators) and their value as a proportion.
FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
    "quarters": 1 / 4, "fourth": 1 / 4, "fourths": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5,
    "sixth": 1 / 6, "sixths": 1 / 6, "eighth": 1 / 8, "eighths": 1 / 8, "tenth": 1 / 10,
    "tenths": 1 / 10,
}
# Multiplicative verbs and adjectives ("tripled", "quadruple"). Source: English
# multiplicative numerals (double, triple, quadruple, quintuple).
MULTIPLIER_WORDS: dict[str, float] = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twofold": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "threefold": 3, "treble": 3,
    "trebled": 3, "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
    "fourfold": 4, "quintuple": 5, "quintupled": 5, "fivefold": 5, "tenfold": 10,
}
# Vague plural amounts: "thousands" means 1e3..1e4 (an order of magnitude), "dozens" 24..144.
VAGUE_WORDS: dict[str, float] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
ORDER_OF_MAGNITUDE = 10.0  # "thousands" spans [1e3, 1e4)
DOZENS_SPAN = 12.0  # "dozens" spans 2 dozen .. 12 dozen

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
        low, high = 2 * base, base * DOZENS_SPAN
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
ATTACHED_CURRENCY_SYMBOLS = ("RM", "Rs", "PS", "$US", "US$", "HK$", "S$", "A$", "C$", "NZ$",
                             "R$", "Y=")
CURRENCY_SYMBOLS.update({"ps": "GBP", "$us": "USD", "y=": "JPY", "s $": "SGD", "hk $": "HKD",
                         "a $": "AUD", "c $": "CAD", "nz $": "NZD"})
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
# Minor units: the word's value in the major currency.
MINOR_UNITS: dict[str, float] = {"cents": 0.01, "cent": 0.01, "pence": 0.01, "p": 0.01}

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
    "bbl": "barrel", "cubic feet": "ft3", "cubic foot": "ft3", "cubic meters": "m3",
    "cubic metres": "m3", "square feet": "ft2", "square foot": "ft2", "sq ft": "ft2",
    "square meters": "m2", "square metres": "m2", "sq m": "m2", "square miles": "mi2",
    "square kilometers": "km2", "square kilometres": "km2", "acres": "acre", "acre": "acre",
    "hectares": "ha", "hectare": "ha",
    "w": "W", "watt": "W", "watts": "W", "kw": "kW", "kilowatt": "kW", "kilowatts": "kW",
    "mw": "MW", "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW",
    "gigawatts": "GW", "tw": "TW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "mah": "mAh", "v": "V", "volts": "V",
    "volt": "V", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz", "hertz": "Hz",
    "gigahertz": "GHz", "megahertz": "MHz", "f": "F", "farad": "F", "farads": "F",
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
    "basis points": "bp", "bps": "bp", "carats": "ct", "megapixels": "MP", "mp": "MP",
}
# Units whose surface must match case-sensitively (a lower-case "m" after digits is the
# million abbreviation; "MW" is a unit, "mw" rarely is). Surface -> canonical code.
CASED_UNITS: dict[str, str] = {"MW": "MW", "GW": "GW", "kW": "kW", "W": "W", "V": "V",
                               "F": "F", "L": "L", "MP": "MP", "Nm": "N m", "TW": "TW"}
# Single-letter units read only when written against the digits ("45g", "5m" is million).
ATTACHED_UNITS: dict[str, str] = {"g": "g", "l": "L", "lb": "lb"}
# Currency codes written after an amount ("108.79 JPY"). Source: ISO 4217.
CURRENCY_CODES = ("USD", "EUR", "JPY", "GBP", "CNY", "RMB", "AUD", "CAD", "HKD", "INR", "CHF",
                  "MYR", "SGD", "NZD", "KRW", "RUB", "ZAR", "SEK", "NOK", "DKK", "BRL", "MXN")
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
