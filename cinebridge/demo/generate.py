"""The demo catalog: the real titles plus 200+ invented ones, generated reproducibly.

``generated_titles`` is pure (no database): the same seed always gives the same titles, so
the loader can find each one again by its reference and a second load changes nothing.
Every title goes through ``specs.title_spec_from_raw``, the validator all entry points use.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pypinyin import Style, lazy_pinyin

from cinebridge.catalog.specs import GENRE_SLUGS, TitleSpec, title_spec_from_raw
from cinebridge.demo import words as w
from cinebridge.demo.data import ORGANISATIONS_BY_SLUG
from cinebridge.demo.real_titles import REAL_TITLES

Raw = dict[str, Any]

SEED = 2024
GENERATED_COUNT = 210
FIRST_GENERATED_NUMBER = 101  # below are the hand-written real titles
LANGUAGES = ("ru", "vi", "zh-Hans")
COUNTRY_OF = {"ru": "RU", "vi": "VN", "zh-Hans": "CN"}
CURRENCY_OF = {"RU": ("RUB", 90), "CN": ("CNY", 7), "VN": ("VND", 25_000)}

# Who owns generated titles, by original language and kind.
OWNERS: dict[str, dict[str, tuple[str, ...]]] = {
    "ru": {
        "feature": ("central-partnership", "mechtalet", "vodorod", "mosfilm",
                    "baikal-film-distribution", "steppe-horizon-films", "roskino"),
        "series": ("central-partnership", "mechtalet", "vodorod"),
        "animation": ("soyuzmultfilm", "riki-group", "animaccord"),
        "documentary": ("volga-documentary", "roskino"),
        "tv_programme": ("kosmos-tv",),
    },
    "vi": {
        "feature": ("saigon-lotus-pictures", "vietnam-film-promotion"),
        "series": ("saigon-lotus-pictures", "vtv"),
        "animation": ("red-river-animation",),
        "documentary": ("hanoi-heritage-films", "vtv"),
        "tv_programme": ("vtv",),
    },
    "zh-Hans": {
        "feature": ("china-film-group", "silk-road-pictures"),
        "series": ("silk-road-pictures", "china-media-group"),
        "animation": ("jade-river-animation",),
        "documentary": ("bamboo-lantern", "china-media-group"),
        "tv_programme": ("china-media-group",),
    },
}  # fmt: skip
SOVIET_ERA_OWNERS = ("soyuzmultfilm", "mosfilm")

KINDS = (("feature", 35), ("series", 20), ("animation", 20), ("documentary", 15),
         ("tv_programme", 10))  # fmt: skip
GENRES = {
    "feature": ("drama", "comedy", "romance", "crime", "thriller", "war", "period", "adventure",
                "science-fiction", "mystery", "action", "family", "history"),
    "series": ("drama", "comedy", "crime", "mystery", "period", "romance", "thriller", "family"),
    "animation": ("family", "children", "comedy", "adventure", "fantasy", "musical"),
    "documentary": ("history", "music", "biography", "sport"),
    "tv_programme": ("music", "family", "news", "documentary"),
}  # fmt: skip
FIRST_GENRE = {"animation": "animation", "documentary": "documentary"}
VERSION_KINDS = (("subtitles", 55), ("dub", 30), ("voice_over", 15))


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_RU_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "yo",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def latin_ru(text: str) -> str:
    """A simple BGN/PCGN-style romanisation of Russian text (``Тихий берег`` -> ``Tikhy bereg``)."""
    out = []
    for char in text:
        latin = _RU_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(_capitalise(latin) if char.isupper() else latin)
    return re.sub(r"[iy]y\b", "y", "".join(out))


def latin_vi(text: str) -> str:
    """Vietnamese without its diacritics, as names appear in English credits."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_PINYIN_PUNCTUATION = {"：": ":", "，": ","}
_PINYIN_PARTICLES = ("的", "与", "之", "里")


def pinyin_of(segments: Sequence[str]) -> str:
    """Hanyu pinyin with tone marks, one capitalised word per segment (``的`` stays lower)."""
    out: list[str] = []
    for segment in segments:
        if segment in _PINYIN_PUNCTUATION:
            if out:
                out[-1] += _PINYIN_PUNCTUATION[segment]
            continue
        syllables = lazy_pinyin(segment, style=Style.TONE)
        word = syllables[0] + "".join(
            ("'" + s if s[:1] in "aāáǎàoōóǒòeēéěè" else s) for s in syllables[1:]
        )
        out.append(word if segment in _PINYIN_PARTICLES else _capitalise(word))
    return " ".join(out)


def _place(rng: random.Random, country: str) -> tuple[str, str, str, str, str, str]:
    local = [p for p in w.PLACES if p[5] == country]
    return rng.choice(local if local and rng.random() < 0.7 else w.PLACES)


def _names(rng: random.Random, kind: str, country: str) -> tuple[dict[str, str], list[str], str]:
    """The title in en/ru/vi/zh-Hans, the Chinese segments (for pinyin) and a place country."""
    if kind == "animation":
        pattern = rng.choice(("hero", "adjective"))
    elif kind in ("documentary", "tv_programme"):
        pattern = kind
    else:
        pattern = _weighted(rng, (("adjective", 45), ("season", 25), ("pair", 30)))
    place_country = ""
    if pattern == "adjective":
        adj, noun = rng.choice(w.ADJECTIVES), rng.choice(w.NOUNS)
        ru = f"{adj[1][w.GENDER_INDEX[noun[2]]]} {noun[1]}"
        names = {
            "en": f"The {adj[0]} {noun[0]}",
            "ru": ru,
            "vi": f"{noun[3]} {adj[2]}",
            "zh-Hans": f"{adj[3]}的{noun[4]}",
        }
        segments = [adj[3], "的", noun[4]]
    elif pattern == "pair":
        first, second = rng.sample(w.NOUNS, 2)
        names = {
            "en": f"The {first[0]} and the {second[0]}",
            "ru": f"{first[1]} и {second[1]}",
            "vi": f"{first[3]} và {second[3]}",
            "zh-Hans": f"{first[4]}与{second[4]}",
        }
        segments = [first[4], "与", second[4]]
    elif pattern == "season":
        season, place = rng.choice(w.SEASONS), _place(rng, country)
        names = {
            "en": f"{season[0]} in {place[0]}",
            "ru": f"{season[1]} {place[2]}",
            "vi": f"{season[2]} ở {place[3]}",
            "zh-Hans": f"{place[4]}的{season[3]}",
        }
        segments, place_country = [place[4], "的", season[3]], place[5]
    elif pattern == "hero":
        hero = rng.choice(w.HEROES)
        names = {
            "en": f"The Adventures of {hero[0]}",
            "ru": f"Приключения {hero[1]}",
            "vi": f"Cuộc phiêu lưu của {hero[2]}",
            "zh-Hans": f"{hero[3]}历险记",
        }
        segments = [hero[3], "历险记"]
    elif pattern == "documentary":
        topic, place = rng.choice(w.DOC_TOPICS), _place(rng, country)
        zh_topic = topic[3].replace(" ", "")
        names = {
            "en": f"{place[0]}: {topic[0]}",
            "ru": f"{place[1]}. {topic[1]}",
            "vi": f"{place[3]}: {topic[2]}",
            "zh-Hans": f"{place[4]}：{zh_topic}",
        }
        segments, place_country = [place[4], "：", *topic[3].split()], place[5]
    else:
        pattern_text, place = rng.choice(w.TV_PATTERNS), _place(rng, country)
        values = {
            "en": place[0],
            "ru_nom": place[1],
            "ru_prep": place[2],
            "vi": place[3],
            "zh": place[4],
        }
        names = dict(
            zip(
                ("en", "ru", "vi", "zh-Hans"),
                (p.format(**values) for p in pattern_text),
                strict=True,
            )
        )
        segments = []  # no pinyin for programme names
        place_country = place[5]
    names = {lang: _capitalise(text) for lang, text in names.items()}
    return names, segments, place_country


class _People:
    """Invented people per original language, each with a name in its script and in Latin."""

    def __init__(self, rng: random.Random, size: int = 40):
        self.pools: dict[str, list[tuple[str, str]]] = {}
        for language in LANGUAGES:
            pool: list[tuple[str, str]] = []
            while len(pool) < size:
                person = self._invent(rng, language)
                if person not in pool:
                    pool.append(person)
            self.pools[language] = pool

    @staticmethod
    def _invent(rng: random.Random, language: str) -> tuple[str, str]:
        if language == "ru":
            surname = rng.choice(w.RU_SURNAMES)
            if rng.random() < 0.5:
                first = rng.choice(w.RU_MALE)
                return f"{first[0]} {surname[0]}", f"{first[1]} {surname[2]}"
            first = rng.choice(w.RU_FEMALE)
            return f"{first[0]} {surname[1]}", f"{first[1]} {surname[3]}"
        if language == "vi":
            name = f"{rng.choice(w.VI_FAMILY)} {rng.choice(w.VI_GIVEN)}"
            return name, latin_vi(name)
        family, given = rng.choice(w.ZH_FAMILY), rng.choice(w.ZH_GIVEN)
        return family[0] + given[0], f"{family[1]} {given[1]}"

    def credits(self, rng: random.Random, language: str, kind: str) -> list[Raw]:
        pool = self.pools[language]
        roles = ["director"] * (2 if rng.random() < 0.1 else 1) + ["writer"]
        roles += [r for r, p in (("producer", 0.5), ("composer", 0.7)) if rng.random() < p]
        if kind in ("feature", "documentary") and rng.random() < 0.6:
            roles.append("cinematographer")
        if kind == "animation" and rng.random() < 0.6:
            roles.append("animator")
        credits = [
            self._credit(person, role)
            for person, role in zip(rng.sample(pool, len(roles)), roles, strict=True)
        ]
        if kind in ("feature", "series"):
            cast = rng.randint(2, 4)
            characters = rng.sample(w.CHARACTERS[language], cast)
            people = rng.sample(pool, cast)
            credits += [self._credit(p, "cast", c) for p, c in zip(people, characters, strict=True)]
        elif kind == "animation":
            voices = rng.randint(2, 3)
            column = LANGUAGES.index(language)
            characters = [c[column] for c in rng.sample(w.ANIMAL_CHARACTERS, voices)]
            people = rng.sample(pool, voices)
            credits += [
                self._credit(p, "voice", c) for p, c in zip(people, characters, strict=True)
            ]
        elif kind == "tv_programme":
            credits.append(self._credit(rng.choice(pool), "cast", w.HOST[language]))
        return credits

    @staticmethod
    def _credit(person: tuple[str, str], role: str, character: str = "") -> Raw:
        name, latin = person
        names = [("en", latin)] if latin != name else []
        return {"role": role, "name": name, "character": character, "names": names}


def _localised(
    rng: random.Random, language: str, names: dict[str, str], segments: list[str]
) -> list[Raw]:
    titles = [{"language": "en", "text": names["en"], "kind": "official"}]
    others = [lang for lang in LANGUAGES if lang != language]
    chosen = [lang for lang in others if rng.random() < 0.55] or [rng.choice(others)]
    titles += [{"language": lang, "text": names[lang], "kind": "official"} for lang in chosen]
    if language == "ru" and rng.random() < 0.5:
        titles.append(
            {"language": "ru-Latn", "text": latin_ru(names["ru"]), "kind": "romanisation"}
        )
    if language == "zh-Hans" and segments and rng.random() < 0.6:
        titles.append(
            {"language": "zh-Latn-pinyin", "text": pinyin_of(segments), "kind": "romanisation"}
        )
    return titles


def _versions(rng: random.Random, language: str) -> list[Raw]:
    versions = [{"language": language, "kind": "original"}]
    for other in ("en", "ru", "vi", "zh-Hans"):
        if other != language and rng.random() < 0.5:
            versions.append({"language": other, "kind": _weighted(rng, VERSION_KINDS)})
    return versions


def _assets(rng: random.Random, owner: str, reference: str, language: str) -> list[Raw]:
    base = f"https://example.org/{owner}/{reference.lower()}"
    assets = [{"kind": "poster", "url": f"{base}/poster.jpg", "label": "Poster"}]
    if rng.random() < 0.85:
        assets.append({"kind": "trailer", "url": f"{base}/trailer.mp4", "language": language})
    if rng.random() < 0.3:
        assets.append({"kind": "still", "url": f"{base}/still-1.jpg"})
    if rng.random() < 0.5:
        assets.append({"kind": "screener", "url": f"{base}/screener", "label": "Screener"})
    if rng.random() < 0.2:
        assets.append({"kind": "press_kit", "url": f"{base}/press-kit.pdf", "label": "Press kit"})
    return assets


def _episodes(rng: random.Random, kind: str, language: str, runtime: int) -> list[Raw]:
    if kind == "series":
        seasons = rng.randint(1, 3)
    elif kind == "tv_programme" and rng.random() < 0.5:
        seasons = 1
    else:
        return []
    return [
        {
            "season": season,
            "number": n,
            "original_title": w.EPISODE_WORD[language].format(n=n),
            "english_title": f"Episode {n}",
            "runtime_minutes": runtime + rng.randint(-3, 3),
        }
        for season in range(1, seasons + 1)
        for n in range(1, rng.randint(4, 10) + 1)
    ]


def _runtime(rng: random.Random, kind: str) -> int:
    if kind == "animation":
        return rng.randint(7, 25) if rng.random() < 0.5 else rng.randint(70, 100)
    low, high = {
        "feature": (80, 150),
        "documentary": (45, 110),
        "series": (24, 55),
        "tv_programme": (26, 60),
    }[kind]
    return rng.randint(low, high)


def _price(rng: random.Random, country: str) -> tuple[Decimal, str]:
    dollars = rng.randint(5, 150) * 1000
    currency, rate = CURRENCY_OF.get(country, ("USD", 1))
    if rng.random() < 0.3:
        currency, rate = "USD", 1
    return Decimal(dollars * rate), currency


def generated_titles(count: int = GENERATED_COUNT, seed: int = SEED) -> list[tuple[str, Raw]]:
    """``count`` invented titles as (owner slug, raw title data); the same seed, the same list."""
    rng = random.Random(seed)
    people = _People(rng)
    numbers: dict[str, int] = {}
    seen: set[str] = set()
    titles: list[tuple[str, Raw]] = []
    while len(titles) < count:
        language = _weighted(rng, (("ru", 45), ("zh-Hans", 28), ("vi", 27)))
        kind = _weighted(rng, KINDS)
        owner = rng.choice(OWNERS[language][kind])
        country = ORGANISATIONS_BY_SLUG[owner].country
        names, segments, place_country = _names(rng, kind, COUNTRY_OF[language])
        if names[language] in seen:
            continue
        seen.add(names[language])
        numbers[owner] = numbers.get(owner, FIRST_GENERATED_NUMBER - 1) + 1
        reference = f"{ORGANISATIONS_BY_SLUG[owner].prefix}-{numbers[owner]:04d}"

        countries = [country]
        if place_country and place_country != country and rng.random() < 0.6:
            countries.append(place_country)
        elif kind != "tv_programme" and rng.random() < 0.15:
            countries.append(rng.choice([c for c in ("RU", "CN", "VN") if c != country]))
        if owner in SOVIET_ERA_OWNERS:
            year = rng.randint(1960, 1991)
        else:
            year = rng.randint(1960, 2026) if rng.random() < 0.1 else rng.randint(1992, 2026)
        runtime = _runtime(rng, kind)
        genres = [FIRST_GENRE[kind]] if kind in FIRST_GENRE else []
        genres += rng.sample(GENRES[kind], rng.randint(1, 2))
        group = {"animation": "animation", "documentary": "documentary", "tv_programme": "tv"}
        subject = rng.choice(w.SUBJECTS[group.get(kind, "story")])
        closing = w.CLOSINGS[kind]
        column = {"en": 0, "ru": 1, "vi": 2, "zh-Hans": 3}
        joiner = {"en": " ", "ru": " ", "vi": " ", "zh-Hans": ""}
        synopses = [
            (lang, subject[column[lang]] + joiner[lang] + closing[column[lang]])
            for lang in ("en", language)
        ]

        raw: Raw = {
            "reference": reference,
            "kind": kind,
            "status": "published",
            "original_title": names[language],
            "original_language": language,
            "year": year,
            "runtime_minutes": runtime,
            "countries": countries,
            "genres": genres,
            "localised_titles": _localised(rng, language, names, segments),
            "synopses": synopses,
            "credits": people.credits(rng, language, kind),
            "versions": _versions(rng, language),
            "assets": _assets(rng, owner, reference, language),
            "episodes": _episodes(rng, kind, language, runtime),
            "popularity": rng.randint(0, 3000),
        }
        if rng.random() < 0.15:
            raw["status"] = "draft"
            raw["internal_notes"] = rng.choice(w.INTERNAL_NOTES)
            raw["asking_price"], raw["asking_currency"] = _price(rng, country)
        elif rng.random() < 0.25:
            raw["asking_price"], raw["asking_currency"] = _price(rng, country)
        titles.append((owner, raw))
    return titles


def demo_catalog() -> list[tuple[str, TitleSpec]]:
    """Every demo title, real ones first, as (owner slug, validated ``TitleSpec``)."""
    assert set(GENRE_SLUGS) >= {g for kind in GENRES.values() for g in kind}
    return [(owner, title_spec_from_raw(raw)) for owner, raw in (*REAL_TITLES, *generated_titles())]
