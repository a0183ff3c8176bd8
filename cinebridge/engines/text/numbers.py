"""Numbers in names written the other ways: words -> digits, digits -> words.

A title is found whether the query writes its number as digits, as words or as an
ordinal: «Тридцать три» by ``33``, "Rocky II" by ``2``, "9 рота" by ``девять`` or ``nine``.
``number_variants(folded)`` returns the folded name with its numbers rewritten; the index
adds their words (romanised and reduced to skeletons like every name, so the Russian words
are found in any transliteration). A variant only ever adds index words: a wrong one costs
a false positive, never a miss. So words -> digits is conservative, digits -> words generous.

Variants, in this order (each a fold() fixed point, distinct, never the input, at most
``MAX_VARIANTS``): every number as digits; every number as English, Russian, Vietnamese,
Chinese words; for a cardinal 1100..2099 (a year) also the English year reading
("nineteen forty two"), the Russian ordinal year ("тысяча девятьсот семнадцатыи", as in
"... год") and the Chinese digit-by-digit year (一九四二).

Words -> digits (the data is num2words and cn2an, folded with ``fold``, not a word list)
    * English, Russian, Vietnamese: every cardinal and ordinal num2words writes for
      0..9999, folded ("thirty-three" -> "thirty three", "третий" -> "третии"), matched as
      whole token runs, longest first. Also: English without "and" ("one hundred one") and
      its year reading 1100..2099 ("nineteen eighty four"); Russian without the leading
      "одна" of 1000..1999 ("тысяча девятьсот семнадцать"); Vietnamese "ngan" for "nghin"
      and "linh" for "le", ordinals "thu" + cardinal, "thu nhat" (1st) and "thu tu" (4th)
      (num2words has no Vietnamese ordinal: these four words are the only hand-written ones).
    * Russian case, gender and plural forms (num2words ``case``/``gender``/``plural``) of
      the last word: "третья", "третье", "третьи", "третьего", "двадцать третьей" ...;
      cardinals only in the nominative feminine and neuter ("двадцать две", "одна").
      Other cases of cardinals ("тридцати трех") are not recognised.
    * English ordinals become "3rd", Vietnamese "thu 3", Chinese "第3", Russian plain "3".
    * Not converted (precision): a lone Vietnamese number word ("ba" is also father/Mrs,
      "nam" south/year/male, "hai" comedy/sea, "tu", "sau" after, "bay" fly, "tam" heart,
      "muoi" salt, "khong" not, "mot" a): Vietnamese converts only runs of two or more
      words ("ba muoi ba") or after "thu" ("thu ba"); so "Hai Phượng", "Mười", "Ba và con"
      stay as they are. A lone Russian "один", "одна", "одно": they also mean "alone"
      ("Один дома", "Одна"). English "one" does convert ("One Piece" gains "1"): it only
      adds the index word "1".
    * Chinese: a maximal run of 零〇一二两三四五六七八九十百千万亿 of two or more
      characters that cn2an parses strictly as one number (三十三, 一千零一, 三万; not
      万一, 三三两两, 一一); a single numeral only after 第 (第三 -> 第3: 一 alone is in 一起,
      统一, 千 in 千与千寻); four digit characters starting 一 or 二 as a year (一九四二).
    * Roman numerals: canonical numerals of two or more of the letters i, v, x, 2..39
      ("ii", "iv", "xiv", "xxxix"), as a whole token that is not the first of the name
      (sequel numbers follow the name: "rocky ii", "louis xiv"). "vi" and "xi" (Vietnamese
      vì/vị, pinyin xi, Italian vi) only as the last token. Never one letter (i, v, x,
      l, c, d, m are words or initials) nor l, c, d, m numerals ("mix", "did", "civil").

Digits -> words
    A token of 1..6 digits without a leading zero ("007" stays: it is read "double-o
    seven"), and such a run inside a Chinese token (第3集). Ordinal when marked: English
    "3rd"; Russian "3 и" "3 я" "3 е" "3 го" "3 му" "3 ю" "3 м" "3 х" "3 ми" (3-й, 3-я ...
    folded; the Russian words take that case form); Vietnamese "thu 3"; Chinese "第3".
    Digits glued to Latin or Cyrillic letters ("mp3", "k19", "3d") are not converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an
from num2words import num2words

from cinebridge.engines.text.normalise import fold, has_han

MAX_VARIANTS = 8
_MAX_NUMBER = 9999  # words -> digits knows the words of 0.._MAX_NUMBER
_MAX_DIGITS = 6  # digits -> words for runs of up to this many digits
_YEARS = range(1100, 2100)

_DIGITS = re.compile(r"\d")
_NUMERAL = rf"[1-9]\d{{0,{_MAX_DIGITS - 1}}}|0"  # no leading zero
_DIGIT_TOKEN = re.compile(_NUMERAL)
_EN_ORDINAL_TOKEN = re.compile(rf"({_NUMERAL})(st|nd|rd|th)")
_HAN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_HAN_NUMERAL = re.compile(f"[{_HAN_NUMERALS}]")
_HAN_YEAR = re.compile("[一二][〇零一二三四五六七八九]{3}")
# In a token holding Han: an optional 第 then a numeral run or a digit run.
_HAN_PIECE = re.compile(f"(第?)(?:([{_HAN_NUMERALS}]+)|(\\d+))")

# Folded Russian ordinal suffixes after digits (3-й -> "3 и") -> num2words case, gender, plural.
_RU_MARKS: dict[str, tuple[str, str, bool]] = {
    "и": ("n", "m", False),
    "я": ("n", "f", False),
    "е": ("n", "n", False),
    "го": ("g", "m", False),
    "му": ("d", "m", False),
    "ю": ("a", "f", False),
    "м": ("p", "m", False),
    "х": ("p", "m", True),
    "ми": ("i", "m", True),
}
_RU_MASCULINE: tuple[str, str, bool] = ("n", "m", False)
_RU_ALONE = frozenset({"один", "одна", "одно"})  # also "alone": never converted by themselves
_ROMAN_LAST_ONLY = frozenset({"vi", "xi"})
_LANGUAGES = ("en", "ru", "vi", "zh")
_YEAR_READINGS = ("en_year", "ru_year", "zh_year")
_GLUED_READINGS = frozenset({"digits", "zh", "zh_year"})


@dataclass(frozen=True, slots=True)
class _Number:
    """A number found in a name: its value, how it is marked ordinal, its digit spelling."""

    value: int
    mark: str | None  # None: cardinal; "en", "ru", "vi", "zh": an ordinal so marked
    form: tuple[str, str, bool]  # Russian case, gender, plural of the words
    digits: str  # how the digits variant writes it ("33", "3rd", "thu 3", "第3")

    @property
    def year(self) -> bool:
        """A cardinal that can be a year (1100..2099), read also the ways years are read."""
        return self.mark is None and self.value in _YEARS


_Piece = tuple["str | _Number", bool]  # (text or number, glued to the previous piece)


class _Phrases:
    """Folded number phrases of en, ru, vi -> (value, ordinal mark, language)."""

    def __init__(self) -> None:
        self.phrases: dict[str, tuple[int, str | None, str]] = {}
        # Russian form of a last word -> (its masculine nominative, the form, is ordinal)
        self.forms: dict[str, tuple[str, tuple[str, str, bool], bool]] = {}
        for n in range(_MAX_NUMBER + 1):
            self._add_english(n)
            self._add_russian(n)
            self._add_vietnamese(n)
        for n in _YEARS:
            self._add(_words(n, "en_year"), n, None, "en")
        self._add_russian_forms()
        self.longest = max(len(key.split()) for key in self.phrases)
        self.first_words = frozenset(
            {key.split()[0] for key in self.phrases} | set(self.forms) | set(_roman_numerals())
        )

    def _add(self, phrase: str, value: int, mark: str | None, language: str) -> None:
        self.phrases.setdefault(phrase, (value, mark, language))

    def _add_english(self, n: int) -> None:
        for mark in (None, "en"):
            phrase = _words(n, "en", mark)
            self._add(phrase, n, mark, "en")
            self._add(" ".join(w for w in phrase.split() if w != "and"), n, mark, "en")

    def _add_russian(self, n: int) -> None:
        for mark in (None, "ru"):
            phrase = _words(n, "ru", mark)
            self._add(phrase, n, mark, "ru")
            if phrase.startswith("одна тысяча"):
                self._add(phrase.removeprefix("одна "), n, mark, "ru")

    def _add_vietnamese(self, n: int) -> None:
        for mark in (None, "vi"):
            phrase = _words(n, "vi", mark)
            for alternative in {phrase, phrase.replace("nghin", "ngan")}:
                self._add(alternative, n, mark, "vi")
                self._add(re.sub(r"\ble\b", "linh", alternative), n, mark, "vi")

    def _add_russian_forms(self) -> None:
        last_words = [*range(21), *range(30, 100, 10), *range(100, 1000, 100)]
        for n in [*last_words, *range(1000, 10000, 1000)]:
            masculine = _words(n, "ru", "ru").split()[-1]
            for case in "ngdaip":
                for gender, plural in (("m", False), ("f", False), ("n", False), ("m", True)):
                    form = (case, gender, plural)
                    last = _ru_words(n, True, form).split()[-1]
                    if last != masculine:
                        self.forms.setdefault(last, (masculine, form, True))
        for n in (1, 2):
            masculine = _words(n, "ru")
            for gender in "fn":
                form = ("n", gender, False)
                self.forms.setdefault(_ru_words(n, False, form), (masculine, form, False))

    def match(self, tokens: list[str], start: int) -> tuple[int, _Number] | None:
        """The longest number phrase at tokens[start:] -> (its end, the number)."""
        if tokens[start] not in self.first_words:
            return None
        for end in range(min(len(tokens), start + self.longest), start, -1):
            found = self._lookup(tokens[start:end])
            if found is None or (end - start == 1 and not _alone_ok(tokens[start], found[2])):
                continue
            value, mark, language, form = found
            return end, _Number(value, mark, form, _digits_of(value, mark))
        return None

    def _lookup(self, span: list[str]) -> tuple[int, str | None, str, tuple[str, str, bool]] | None:
        found = self.phrases.get(" ".join(span))
        if found is not None:
            return (*found, _RU_MASCULINE)
        if span[-1] not in self.forms:
            return None
        masculine, form, ordinal = self.forms[span[-1]]
        found = self.phrases.get(" ".join([*span[:-1], masculine]))
        if found is None or found[2] != "ru" or (found[1] == "ru") != ordinal:
            return None
        return (*found, form)


def _alone_ok(token: str, language: str) -> bool:
    """Whether one word by itself is taken as a number (see the module docstring)."""
    return language != "vi" and token not in _RU_ALONE


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    """The phrase tables, built once on first use (about a second: num2words and fold)."""
    return _Phrases()


@lru_cache(maxsize=1)
def _roman_numerals() -> dict[str, int]:
    """Canonical Roman numerals of two or more letters i, v, x -> value (2..39)."""
    numerals: dict[str, int] = {}
    for n in range(2, 40):
        tens, units = divmod(n, 10)
        ones = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")[units]
        numeral = "x" * tens + ones
        if len(numeral) > 1:
            numerals[numeral] = n
    return numerals


def _en_suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _digits_of(value: int, mark: str | None) -> str:
    """The digits variant's spelling of a number found as words."""
    if mark == "en":
        return f"{value}{_en_suffix(value)}"
    if mark == "vi":
        return f"thu {value}"
    if mark == "zh":
        return f"第{value}"
    return str(value)


_SEPARATORS = re.compile(r"[\s,-]+")


@lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    return fold(word)


def _fold_words(words: str) -> str:
    """fold() of num2words output, word by word (its few distinct words are folded once)."""
    return " ".join(_fold_word(word) for word in _SEPARATORS.split(words) if word)


@lru_cache(maxsize=1)
def _english_parts() -> tuple[tuple[str, ...], dict[str, str]]:
    """num2words' English words of 0..999, and its ordinal of each possible last word."""
    below_thousand = tuple(_fold_words(num2words(n, lang="en")) for n in range(1000))
    ordinal_of: dict[str, str] = {}
    for n in [*range(101), 1000]:
        cardinal = below_thousand[n] if n < 1000 else "one thousand"
        ordinal = _fold_words(num2words(n, lang="en", to="ordinal"))
        ordinal_of[cardinal.split()[-1]] = ordinal.split()[-1]
    return below_thousand, ordinal_of


@lru_cache(maxsize=65536)
def _english(value: int, ordinal: bool) -> str:
    """num2words' English for value, folded; below a million composed from its words of
    0..999 as num2words composes them (ten times faster; the tests check they agree)."""
    if value >= 1_000_000:
        return _fold_words(num2words(value, lang="en", to="ordinal" if ordinal else "cardinal"))
    below_thousand, ordinal_of = _english_parts()
    thousands, rest = divmod(value, 1000)
    words = below_thousand[rest]
    if thousands:
        head = below_thousand[thousands] + " thousand"
        words = head if not rest else head + (" and " if rest < 100 else " ") + words
    if not ordinal:
        return words
    *first, last = words.split()
    return " ".join([*first, ordinal_of[last]])


@lru_cache(maxsize=65536)
def _ru_words(value: int, ordinal: bool, form: tuple[str, str, bool]) -> str:
    case, gender, plural = form
    to = "ordinal" if ordinal else "cardinal"
    return _fold_words(num2words(value, lang="ru", to=to, case=case, gender=gender, plural=plural))


@lru_cache(maxsize=65536)
def _words(value: int, reading: str, mark: str | None = None) -> str:
    """A number in one reading ("en", "ru", "vi", "zh", "en_year", "ru_year", "zh_year"),
    folded; ordinal when ``mark`` is set (Russian form: ``_ru_words``)."""
    if reading == "en":
        return _english(value, bool(mark))
    if reading == "en_year":
        return _fold_words(num2words(value, lang="en", to="year"))
    if reading in ("ru", "ru_year"):
        return _ru_words(value, bool(mark) or reading == "ru_year", _RU_MASCULINE)
    if reading == "vi":
        cardinal = _fold_words(num2words(value, lang="vi"))
        if not mark:
            return cardinal
        return "thu " + {1: "nhat", 4: "tu"}.get(value, cardinal)
    if reading == "zh_year":
        return str(cn2an.an2cn(str(value), "direct"))
    return ("第" if mark else "") + str(cn2an.an2cn(str(value)))


def _render_number(number: _Number, reading: str) -> str:
    if reading == "digits":
        return number.digits
    if number.year and reading in _YEAR_READINGS:
        return _words(number.value, reading)
    language = reading.removesuffix("_year")
    if language == "ru":
        return _ru_words(number.value, number.mark is not None, number.form)
    return _words(number.value, language, number.mark)


def _render(pieces: list[_Piece], reading: str) -> str:
    """Pieces -> one fold()-style string in one reading of its numbers."""
    parts: list[str] = []
    previous_number = False
    for piece, glued in pieces:
        is_number = isinstance(piece, _Number)
        text = _render_number(piece, reading) if isinstance(piece, _Number) else piece
        glue = (
            glued and parts and (reading in _GLUED_READINGS or not (is_number or previous_number))
        )
        if glue:
            parts[-1] += text
        else:
            parts.append(text)
        previous_number = is_number
    return " ".join(parts)


@lru_cache(maxsize=8192)
def _han_number(prefix: str, numerals: str) -> int | None:
    """A Han numeral run (after 第 when ``prefix``) -> its value, or None (module docstring)."""
    if len(numerals) == 1 and not prefix:
        return None
    if _HAN_YEAR.fullmatch(numerals):
        return int(cn2an.cn2an(numerals, "normal"))
    try:
        return int(cn2an.cn2an(numerals.replace("两", "二"), "strict"))
    except (ValueError, KeyError, IndexError):
        return None


def _han_pieces(token: str) -> list[_Piece]:
    """A token holding Han characters -> its pieces, numbers split out of the text."""
    pieces: list[_Piece] = []
    position = 0
    for match in _HAN_PIECE.finditer(token):
        prefix, numerals, digits = match.groups()
        if numerals is not None:
            value = _han_number(prefix, numerals)
        else:
            value = int(digits) if _DIGIT_TOKEN.fullmatch(digits) else None
        if value is None:
            continue
        if match.start() > position:
            pieces.append((token[position : match.start()], bool(pieces)))
        mark = "zh" if prefix else None
        number = _Number(value, mark, _RU_MASCULINE, _digits_of(value, mark))
        pieces.append((number, bool(pieces)))
        position = match.end()
    if position < len(token):
        pieces.append((token[position:], bool(pieces)))
    return pieces


def _digit_number(tokens: list[str], start: int) -> tuple[int, _Number] | None:
    """A digit token at tokens[start] (with its ordinal mark) -> (its end, the number)."""
    token = tokens[start]
    if _DIGIT_TOKEN.fullmatch(token):
        value = int(token)
        following = tokens[start + 1] if start + 1 < len(tokens) else ""
        if following in _RU_MARKS:
            return start + 2, _Number(value, "ru", _RU_MARKS[following], f"{token} {following}")
        return start + 1, _Number(value, None, _RU_MASCULINE, token)
    if token == "thu" and start + 1 < len(tokens) and _DIGIT_TOKEN.fullmatch(tokens[start + 1]):
        value = int(tokens[start + 1])
        return start + 2, _Number(value, "vi", _RU_MASCULINE, f"thu {value}")
    english = _EN_ORDINAL_TOKEN.fullmatch(token)
    if english:
        return start + 1, _Number(int(english.group(1)), "en", _RU_MASCULINE, token)
    return None


def _roman_number(tokens: list[str], start: int) -> _Number | None:
    token = tokens[start]
    value = _roman_numerals().get(token)
    if value is None or start == 0:
        return None
    if token in _ROMAN_LAST_ONLY and start != len(tokens) - 1:
        return None
    return _Number(value, None, _RU_MASCULINE, str(value))


def _pieces(tokens: list[str]) -> list[_Piece]:
    """Folded tokens -> pieces: text, and the numbers found in it (glued inside a token)."""
    phrases = _phrases()
    pieces: list[_Piece] = []
    start = 0
    while start < len(tokens):
        token = tokens[start]
        if has_han(token):
            pieces.extend(_han_pieces(token))
            start += 1
            continue
        found = _digit_number(tokens, start) or phrases.match(tokens, start)
        if found is not None:
            start, number = found
            pieces.append((number, False))
            continue
        roman = _roman_number(tokens, start)
        pieces.append((roman if roman is not None else token, False))
        start += 1
    return pieces


def number_variants(folded: str) -> tuple[str, ...]:
    """fold() output -> the same text with its numbers written the other ways (module
    docstring), each a fold()-style string; () when it holds no number."""
    tokens = folded.split()
    if (
        not _DIGITS.search(folded)
        and not _HAN_NUMERAL.search(folded)
        and _phrases().first_words.isdisjoint(tokens)
    ):
        return ()
    pieces = _pieces(tokens)
    numbers = [piece for piece, _ in pieces if isinstance(piece, _Number)]
    if not numbers:
        return ()
    readings = ["digits", *_LANGUAGES]
    if any(number.year for number in numbers):
        readings.extend(_YEAR_READINGS)
    variants = dict.fromkeys(_render(pieces, reading) for reading in readings)
    variants.pop(folded, None)
    return tuple(variants)[:MAX_VARIANTS]
