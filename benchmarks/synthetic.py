"""A synthetic multilingual catalog for the benchmarks: drawn reproducibly, written in bulk.

``catalog_generate`` draws organisations, titles (Russian, Vietnamese, Chinese and English
originals, each with 2-4 localised titles and romanisations) and people (names in two
scripts) from ``random.Random(seed)``; words follow a flattened Zipf law, so a few words are
common (broad result sets) and most are rare, as in a real catalog.

``catalog_write`` stores them with ``bulk_create`` and writes the search rows the catalog
services would write (``SearchEntry`` text and names, ``SearchTerm`` vocabulary) without
going through the per-title services (about 7 ms a title even on a small database: over
12 minutes for 100,000). ``catalog_verify`` writes a few titles and people both ways (rolled
back) and lists any difference.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from typing import Any

import cn2an
import opencc
from django.db import connection, connections, transaction
from num2words import num2words
from pypinyin import Style, lazy_pinyin

from benchmarks import GENERATOR_VERSION
from cinebridge.catalog import search_index, search_memory
from cinebridge.catalog.models import (
    Credit,
    LocalisedTitle,
    Person,
    PersonName,
    SearchEntry,
    SearchKind,
    SearchTerm,
    Title,
    TitleKind,
    TitleStatus,
)
from cinebridge.core.audit import counter_bump
from cinebridge.organisations.models import Organisation, OrganisationKind

SEED = 42
ORGANISATIONS = 50
MARKER_SLUG = "synthetic-catalog-marker"  # its description records what was built, and how fast
BATCH = 5000

# Most common first: word k is drawn with weight 1 / (k + 5).
RUSSIAN_WORDS = """
    ночь любовь жизнь город дом море река лес поле небо звезда солнце луна ветер дождь снег
    зима весна лето осень война мир время дорога путь сердце душа память мечта тайна правда
    свобода судьба надежда вера счастье история сказка песня музыка танец огонь вода земля
    гора остров берег сад парк улица площадь мост поезд корабль самолёт окно дверь книга
    письмо слово голос тишина свет тень сон утро вечер полдень год век час человек женщина
    мужчина девочка мальчик отец мать брат сестра сын дочь друг враг герой капитан доктор
    учитель художник писатель солдат генерал король царь принцесса волк медведь лиса заяц
    кот собака конь птица рыба ёжик туман красный белый чёрный синий зелёный золотой
    серебряный тёмный светлый большой маленький последний первый новый старый молодой
    далёкий близкий тихий холодный горячий тёплый долгий весёлый грустный счастливый
    одинокий верный чужой родной северный южный шёлк лёд журавль щука чайка жара цветок
    яблоко вишня берёза ёлка изба деревня столица граница шахта завод хлеб соль чай пламя
    вьюга метель гроза радуга облако экипаж бриллиант рука подвиг экспедиция возвращение
    прощание встреча разлука погоня легенда приключение детектив полночь завтра вчера
    навсегда начало конец обещание странник незнакомец дети семья юность старость праздник
"""
ENGLISH_WORDS = """
    night love life city house sea river forest field sky star sun moon wind rain snow
    winter spring summer autumn war peace time road journey heart soul memory dream secret
    truth freedom destiny hope faith happiness story tale song music dance fire water earth
    mountain island shore garden street bridge train ship window door wall book letter word
    voice silence light shadow sleep morning evening year century hour man woman girl boy
    father mother brother sister son daughter friend enemy hero captain doctor teacher
    painter writer soldier general king princess wolf bear fox hare cat dog bird fish
    hedgehog fog red white black blue green golden silver dark bright big little last first
    new old young distant quiet cold warm long happy sad lonely silk ice crane seagull
    flower apple cherry birch village capital border bread salt tea flame storm rainbow
    cloud dragon phoenix tiger panda horse kingdom empire legend adventure mystery return
    farewell homecoming wanderer stranger children detective midnight tomorrow yesterday
    forever beginning ending promise harbour lantern orchard meadow canyon glacier harvest
"""
VIETNAMESE_WORDS = """
    đêm|tình yêu|mùa thu|người mẹ|hà nội|sài gòn|mùa xuân|mùa hè|mùa đông|huế|đà nẵng|
    người cha|con đường|ánh trăng|biển|núi|sông|gió|mưa|nắng|cánh đồng|làng quê|thành phố|
    ngày|ký ức|giấc mơ|bóng tối|ánh sáng|trái tim|linh hồn|hạnh phúc|nỗi nhớ|cô gái|
    chàng trai|đứa trẻ|gia đình|quê hương|đất nước|tuổi trẻ|thanh xuân|hoa sen|hoa mai|
    cây tre|con thuyền|bến sông|chợ|phố cổ|mặt trời|ngôi sao|bầu trời|cơn mưa|dòng sông|
    ngọn núi|chiến tranh|hòa bình|tự do|số phận|hy vọng|bí mật|huyền thoại|câu chuyện|
    bài hát|điệu múa|lửa|nước|đất|vàng|đỏ|xanh|trắng|đen|tím|cuối cùng|đầu tiên|mới|cũ|xa|
    gần|im lặng|cô đơn|vui|buồn|nhớ|quên|chờ đợi|trở về|ra đi|bay|hẹn ước|mẹ|cha|anh|em|
    chị|bà|ông|thầy|bạn|người lính|ngôi nhà|khu vườn|cánh cửa|chiếc lá|vầng trăng|tiếng hát|
    bức thư|con tàu|chuyến tàu|sân ga|bến xe|đường phố|mùa lúa|ruộng lúa|cà phê|phở|áo dài|
    nón lá|đèn lồng|tết|trung thu|rồng|phượng|hổ|mèo|chó|chim|cá|ngựa|trâu|sương mù|bão|
    cầu vồng|mây|hoàng hôn|bình minh|nửa đêm|ngày mai|hôm qua|mãi mãi|khởi đầu|lời hứa
"""
CHINESE_WORDS = """
    爱情 长安 红色 丝绸 故乡 月亮 春天 秋天 冬天 夏天 风雨 山河 江湖 少年 英雄 城市 夜晚
    梦想 青春 家园 天空 大海 黄河 长江 长城 北京 上海 故事 传奇 时代 生活 人民 战争 和平
    光明 黑暗 记忆 秘密 花园 森林 草原 沙漠 雪山 火车 飞机 电影 音乐 歌声 舞蹈 老师 学生
    父亲 母亲 兄弟 姐妹 朋友 孩子 医生 警察 将军 皇帝 公主 神龙 凤凰 老虎 熊猫 白马 飞鸟
    星星 太阳 白云 大地 高山 流水 明月 清风 落叶 桃花 梅花 荷花 菊花 竹林 茶馆 饭店 小镇
    乡村 街道 胡同 归来 离别 相遇 重逢 等待 出发 回家 远方 未来 过去 今天 明天 永远 一生
    世界 天下 江山 风云 烽火 长歌 东方 西游 南方 北方 中华 龙门 少林 武当 侠客 剑客 刀锋
    锦衣 红楼 水浒 三国 大唐 宋朝 明朝 清宫 宫廷 紫禁 金陵 苏州 杭州 西湖 九州 万里 千年
    一路 心动 温暖 幸福 快乐 寂寞 孤独 勇敢 追梦 绿色 银河 彩虹 暴风 冰雪 黎明 黄昏 午夜
"""
RUSSIAN_FIRST_NAMES = """
    Алексей Андрей Анна Борис Валентина Виктор Галина Дмитрий Евгений Екатерина Елена Иван
    Игорь Ирина Константин Лариса Леонид Людмила Михаил Наталья Николай Ольга Павел Пётр
    Сергей Светлана Татьяна Фёдор Юлия Юрий Яна Ярослав Григорий Жанна Ксения Никита Алёна
    Эдуард Вера Максим
"""
RUSSIAN_SURNAMES = """
    Иванов Петров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков
    Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров
    Михайлов Беляев Тарасов Белов Комаров Орлов Киселёв Макаров Андреев Ковалёв Ильин Гусев
    Титов Кузьмин Кудрявцев Баранов Куликов Алексеев Степанов Яковлев Сорокин Сергеев
    Романов Захаров Борисов Королёв Герасимов Пономарёв Григорьев Лазарев Медведев Ершов
    Никитин Соболев Рябов Поляков Цветков Данилов Жуков Фролов Журавлёв Николаев Крылов
    Щербаков Чернов Шестаков Юдин Эйхенбаум Хохлов Цой Щукин
"""
CHINESE_SURNAMES = (
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹"
)
CHINESE_GIVEN_NAMES = """
    伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 艺谋 凯歌 晓 雪
    红 华 建国 小龙 子怡 德华 学友 家辉 冰冰 晨 宇 浩 鹏 欣 怡 婷 雨 龙 飞
"""
VIETNAMESE_NAMES = (  # (Vietnamese, Cyrillic) for surnames, middle names, given names
    "Nguyễn:Нгуен Trần:Чан Lê:Ле Phạm:Фам Hoàng:Хоанг Huỳnh:Хюинь Phan:Фан Vũ:Ву Võ:Во "
    "Đặng:Данг Bùi:Буй Đỗ:До Hồ:Хо Ngô:Нго Dương:Зыонг Lý:Ли",
    "Văn:Ван Thị:Тхи Minh:Минь Đức:Дык Thanh:Тхань Hữu:Хыу Ngọc:Нгок Quang:Куанг",
    "An:Ан Bình:Бинь Cường:Кыонг Dũng:Зунг Hà:Ха Hải:Хай Hạnh:Хань Hiếu:Хиеу Hoa:Хоа "
    "Hùng:Хунг Hương:Хыонг Khánh:Кхань Lan:Лан Linh:Линь Long:Лонг Mai:Май Nam:Нам Nga:Нга "
    "Phong:Фонг Phúc:Фук Quân:Куан Sơn:Шон Tâm:Там Thảo:Тхао Thắng:Тханг Trang:Чанг "
    "Trung:Чунг Tuấn:Туан Vân:Ван Yến:Йен",
)
ENGLISH_NAMES = (  # (English, Cyrillic) for first names, surnames
    "John:Джон James:Джеймс Mary:Мэри Emma:Эмма Oliver:Оливер Sophie:Софи William:Уильям "
    "Charlotte:Шарлотта George:Джордж Alice:Элис Thomas:Томас Lucy:Люси Henry:Генри "
    "Grace:Грейс Jack:Джек Emily:Эмили Peter:Питер Kate:Кейт David:Дэвид Sarah:Сара",
    "Smith:Смит Brown:Браун Taylor:Тейлор Wilson:Уилсон Johnson:Джонсон Walker:Уокер "
    "Wright:Райт Robinson:Робинсон Thompson:Томпсон White:Уайт Hughes:Хьюз Edwards:Эдвардс "
    "Green:Грин Hall:Холл Wood:Вуд Harris:Харрис Clarke:Кларк Jackson:Джексон Turner:Тёрнер "
    "Hill:Хилл Cooper:Купер Baker:Бейкер Morgan:Морган Kelly:Келли Carter:Картер",
)


def _pairs(spec: str) -> list[tuple[str, str]]:
    """ "a:b c:d" -> [("a", "b"), ("c", "d")]."""
    return [(pair.split(":")[0], pair.split(":")[1]) for pair in spec.split()]


# Cyrillic -> Latin: BGN/PCGN (what catalogs print; е, ё and ь are handled in romanise_bgn) and
# a plain ISO 9-like system with "j" glides (what a user may type instead).
_BGN = dict(
    _pairs(
        "а:a б:b в:v г:g д:d ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh "
        "ц:ts ч:ch ш:sh щ:shch ы:y э:e ю:yu я:ya"
    )
)
_ISO_PLAIN = dict(
    _pairs(
        "а:a б:b в:v г:g д:d е:e ё:jo ж:zh з:z и:i й:j к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u "
        "ф:f х:h ц:c ч:ch ш:sh щ:sch ы:y э:e ю:ju я:ja"
    )
)
_VOWELS = set("аеёиоуыэюяьъ")


def romanise_bgn(text: str) -> str:
    """Cyrillic -> BGN/PCGN romanisation as catalogs print it ("Krasnyy shëlk", "Natal’ya")."""
    out: list[str] = []
    previous = " "
    for char in text:
        lower = char.lower()
        if lower == "е":
            latin = "ye" if previous in _VOWELS or not previous.isalpha() else "e"
        elif lower == "ё":
            latin = "yë" if previous in _VOWELS or not previous.isalpha() else "ë"
        elif lower == "ь":
            latin = "\u2019"
        else:
            latin = _BGN.get(lower, char)
        out.append(latin.capitalize() if char != lower else latin)
        previous = lower
    return "".join(out)


def romanise_plain(text: str) -> str:
    """Cyrillic -> how a user types it in another system: lower case, "j" glides, no marks."""
    latin = "".join(_ISO_PLAIN.get(char, "" if char in "ьъ" else char) for char in text.lower())
    return " ".join("".join(c if c.isalnum() else " " for c in latin).split())


def strip_marks(text: str) -> str:
    """Vietnamese (or any Latin text) without its diacritics, as typed on a plain keyboard."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    unmarked = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", unmarked)


def pinyin_plain(han: str, *, spaced: bool) -> str:
    """Han -> toneless pinyin as typed: syllables spaced, or all run together."""
    syllables = [strip_marks(s) for s in lazy_pinyin(han, style=Style.NORMAL, v_to_u=True)]
    return (" " if spaced else "").join(syllables)


@cache
def _simplified_to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(han: str) -> str:
    """Simplified Chinese -> Traditional characters (OpenCC s2t)."""
    return str(_simplified_to_traditional().convert(han))


@dataclass(frozen=True)
class SyntheticTitle:
    owner: int  # index into the catalog's organisations
    reference: str
    kind: str
    status: str
    original_title: str
    original_language: str
    year: int
    runtime_minutes: int
    popularity: int
    localised: tuple[tuple[str, str, str], ...]  # (language, text, kind) in creation order


@dataclass(frozen=True)
class SyntheticPerson:
    owner: int
    name: str
    names: tuple[tuple[str, str], ...]  # (language, text) in another script
    birth_year: int
    country: str
    is_public: bool


@dataclass(frozen=True)
class SyntheticCatalog:
    organisations: tuple[tuple[str, str, str, str, str], ...]  # name, local, slug, kind, country
    titles: tuple[SyntheticTitle, ...]
    people: tuple[SyntheticPerson, ...]
    credits: tuple[tuple[int, int, str], ...] = ()  # (title index, person index, role)


class _Words:
    """A word list drawn from with weight 1 / (rank + 5), distinct words per draw."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.cum = list(accumulate(1 / (k + 5) for k in range(1, len(self.words) + 1)))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        chosen: list[str] = []
        while len(chosen) < count:
            word = rng.choices(self.words, cum_weights=self.cum)[0]
            if word not in chosen:
                chosen.append(word)
        return chosen


_RU = _Words(RUSSIAN_WORDS.split())
_EN = _Words(ENGLISH_WORDS.split())
_VI = _Words([w.strip() for w in VIETNAMESE_WORDS.split("|") if w.strip()])
_ZH = _Words(CHINESE_WORDS.split())
_WORD_COUNTS = (1, 2, 3, 4)
_WORD_WEIGHTS = (3, 4, 2, 1)
_KINDS = (TitleKind.FEATURE, TitleKind.SERIES, TitleKind.ANIMATION, TitleKind.DOCUMENTARY,
          TitleKind.TV_PROGRAMME)  # fmt: skip
_KIND_WEIGHTS = (45, 20, 15, 15, 5)


def _ru_title(rng: random.Random) -> str:
    words = _RU.draw(rng, rng.choices(_WORD_COUNTS, _WORD_WEIGHTS)[0])
    text = " ".join(words).capitalize()
    if len(words) > 1 and rng.random() < 0.15:
        text = text.replace(" ", ", ", 1) + "!"
    return text


def _en_title(rng: random.Random) -> str:
    words = _EN.draw(rng, rng.choices(_WORD_COUNTS, _WORD_WEIGHTS)[0])
    if rng.random() < 0.3:
        words.insert(0, "the")
    return " ".join(w.capitalize() for w in words)


def _vi_title(rng: random.Random) -> str:
    return " ".join(_VI.draw(rng, rng.choices((1, 2, 3), (3, 4, 2))[0])).capitalize()


def _zh_title(rng: random.Random) -> str:
    return "".join(_ZH.draw(rng, rng.choices((1, 2, 3), (3, 4, 2))[0]))


def _zh_romanisation(han: str) -> str:
    """Tone-marked pinyin as printed on posters: the syllables of each two-character word joined."""
    syllables = lazy_pinyin(han, style=Style.TONE)
    words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    return " ".join(words).capitalize()


def _title(rng: random.Random, index: int) -> SyntheticTitle:
    language = rng.choices(("ru", "zh-Hans", "vi", "en"), (30, 25, 20, 25))[0]
    official, roman = "official", "romanisation"
    localised: list[tuple[str, str, str]] = []
    if language == "ru":
        original = _ru_title(rng)
        localised.append(("en", _en_title(rng), official))
        localised.append(("ru-Latn", romanise_bgn(original), roman))
        if rng.random() < 0.4:
            localised.append(("zh-Hans", _zh_title(rng), official))
        if rng.random() < 0.3:
            localised.append(("vi", _vi_title(rng), official))
    elif language == "zh-Hans":
        original = _zh_title(rng)
        localised.append(("en", _en_title(rng), official))
        localised.append(("zh-Latn-pinyin", _zh_romanisation(original), roman))
        if rng.random() < 0.4:
            localised.append(("ru", _ru_title(rng), official))
        if rng.random() < 0.3:
            localised.append(("vi", _vi_title(rng), official))
    elif language == "vi":
        original = _vi_title(rng)
        localised.append(("en", _en_title(rng), official))
        others = ["ru", "zh-Hans"]
        rng.shuffle(others)
        for other in others[: 2 if rng.random() < 0.3 else 1]:
            text = _ru_title(rng) if other == "ru" else _zh_title(rng)
            localised.append((other, text, official))
    else:
        original = _en_title(rng)
        russian = _ru_title(rng)
        localised.append(("ru", russian, official))
        if rng.random() < 0.5:
            localised.append(("vi", _vi_title(rng), official))
        else:
            localised.append(("zh-Hans", _zh_title(rng), official))
        if rng.random() < 0.5:
            localised.append(("ru-Latn", romanise_bgn(russian), roman))
    kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
    return SyntheticTitle(
        owner=rng.randrange(ORGANISATIONS),
        reference=f"SYN-{index + 1:06d}",
        kind=str(kind),
        status=str(TitleStatus.PUBLISHED if rng.random() < 0.9 else TitleStatus.DRAFT),
        original_title=original,
        original_language=language,
        year=rng.randint(1950, 2025),
        runtime_minutes=rng.randint(10, 180),
        popularity=min(int(rng.paretovariate(1.2) * 10), 100_000),
        localised=tuple(localised),
    )


def _person(rng: random.Random) -> SyntheticPerson:
    origin = rng.choices(("ru", "zh", "vi", "en"), (35, 25, 20, 20))[0]
    names: tuple[tuple[str, str], ...]
    if origin == "ru":
        first, last = rng.choice(RUSSIAN_FIRST_NAMES.split()), rng.choice(RUSSIAN_SURNAMES.split())
        if first[-1] in "ая" and last.endswith(("ов", "ев", "ёв", "ин")):
            last += "а"
        name, country = f"{first} {last}", "RU"
        names = (("en", romanise_bgn(name)),)
    elif origin == "zh":
        name = rng.choice(CHINESE_SURNAMES.split()) + rng.choice(CHINESE_GIVEN_NAMES.split())
        country = "CN"
        syllables = [s.capitalize() for s in lazy_pinyin(name, style=Style.NORMAL, v_to_u=True)]
        names = (("zh-Latn-pinyin", f"{syllables[0]} {''.join(syllables[1:]).capitalize()}"),)
    elif origin == "vi":
        parts = [rng.choice(_pairs(group)) for group in VIETNAMESE_NAMES]
        name, country = " ".join(p[0] for p in parts), "VN"
        names = (("ru", " ".join(p[1] for p in parts)),)
    else:
        parts = [rng.choice(_pairs(group)) for group in ENGLISH_NAMES]
        name, country = " ".join(p[0] for p in parts), "GB"
        names = (("ru", " ".join(p[1] for p in parts)),)
    return SyntheticPerson(
        owner=rng.randrange(ORGANISATIONS),
        name=name,
        names=names,
        birth_year=rng.randint(1920, 2005),
        country=country,
        is_public=rng.random() < 0.95,
    )


def catalog_generate(titles: int, seed: int = SEED) -> SyntheticCatalog:
    """``titles`` titles and ``titles // 5`` people, the same for the same arguments."""
    rng = random.Random(seed)
    kinds = [k.value for k in OrganisationKind]
    organisations = tuple(
        (
            f"Synthetic Studio {i:02d}",
            rng.choice(("Синтетик", "合成影业", "Phim Tổng Hợp")) + f" {i:02d}",
            f"synthetic-{i:02d}",
            rng.choice(kinds),
            rng.choice(("RU", "CN", "VN", "GB", "FR", "US")),
        )
        for i in range(ORGANISATIONS)
    )
    catalog_titles = tuple(_title(rng, i) for i in range(titles))
    people = tuple(_person(rng) for _ in range(titles // 5))
    # Numbers and credits from generators of their own: the titles and people above stay
    # those of earlier versions, but for the few titles given a number.
    numbered = random.Random(seed + 1)
    catalog_titles = tuple(_numbered(numbered, t) for t in catalog_titles)
    return SyntheticCatalog(
        organisations, catalog_titles, people, _credits(random.Random(seed + 2), titles, people)
    )


# Share of titles whose original title ends with a number (digits or words, as in sequels).
NUMBERED_SHARE = 0.04


def _number_words(number: int, language: str) -> str:
    if language == "zh-Hans":
        return str(cn2an.an2cn(number))
    return str(num2words(number, lang=language[:2]))


def _numbered(rng: random.Random, title: SyntheticTitle) -> SyntheticTitle:
    """``title``, or for ``NUMBERED_SHARE`` of titles the same with a number 2..40 after its
    original title: digits or the words of its language, half and half."""
    if rng.random() >= NUMBERED_SHARE:
        return title
    number = rng.randint(2, 40)
    written = str(number) if rng.random() < 0.5 else _number_words(number, title.original_language)
    return replace(title, original_title=f"{title.original_title} {written}")


def _credits(
    rng: random.Random, titles: int, people: Sequence[SyntheticPerson]
) -> tuple[tuple[int, int, str], ...]:
    """A director for every title and a cast member for half of them, drawn from ``people``
    (a person has about 7 credits on 100,000 titles and 20,000 people)."""
    if not people:
        return ()
    credits = []
    for index in range(titles):
        credits.append((index, rng.randrange(len(people)), "director"))
        if rng.random() < 0.5:
            credits.append((index, rng.randrange(len(people)), "cast"))
    return tuple(credits)


# --- the search rows, as the services compute them ---------------------------------------------


def title_search_names(title: SyntheticTitle) -> list[str]:
    """What ``search_index.title_names`` returns once stored (localised: language, kind, id)."""
    ordered = sorted(enumerate(title.localised), key=lambda p: (p[1][0], p[1][2], p[0]))
    names = [title.original_title]
    for _, (_, text, _) in ordered:
        if text not in names:
            names.append(text)
    return names


def _person_stored_names(person: SyntheticPerson) -> list[tuple[str, str]]:
    """The PersonName rows ``services.person_create`` keeps (no repeats, not the name itself)."""
    kept: list[tuple[str, str]] = []
    for language, text in person.names:
        if (language, text) not in kept and text != person.name:
            kept.append((language, text))
    return kept


def person_search_names(person: SyntheticPerson) -> list[str]:
    """What ``search_index.person_names`` gives once stored: other names in (language, id) order."""
    ordered = sorted(enumerate(_person_stored_names(person)), key=lambda p: (p[1][0], p[0]))
    names = [person.name]
    for _, (_, text) in ordered:
        if text not in names:
            names.append(text)
    return names


EntryRow = tuple[str, list[str], list[list[str]], str]


def _entry_row(names: list[str]) -> EntryRow:
    """Names -> (index text, vocabulary words, name forms, literal forms), exactly as
    ``search_index._entry_write`` computes them."""
    text, forms, literal = search_index.entry_columns(names)
    return text, sorted(search_index._vocabulary_words(text)), forms, literal


def entry_rows(names_lists: list[list[str]], processes: int) -> list[EntryRow]:
    """``_entry_row`` of every names list, on ``processes`` worker processes when > 1."""
    if processes <= 1 or len(names_lists) < 2 * BATCH:
        return [_entry_row(names) for names in names_lists]
    connections.close_all()  # the forked workers never touch the database
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(_entry_row, names_lists, chunksize=2000)


# --- writing --------------------------------------------------------------------------------


def _titles_write(
    titles: Sequence[SyntheticTitle],
    owner_ids: dict[int, int],
    rows: Sequence[EntryRow],
) -> list[int]:
    """Store titles, their localised titles and search entries; the new titles' ids."""
    objects = [
        Title(
            owner_id=owner_ids[t.owner],
            reference=t.reference,
            kind=t.kind,
            status=t.status,
            original_title=t.original_title,
            original_language=t.original_language,
            year=t.year,
            runtime_minutes=t.runtime_minutes,
            popularity=t.popularity,
        )
        for t in titles
    ]
    Title.objects.bulk_create(objects, batch_size=BATCH)
    LocalisedTitle.objects.bulk_create(
        (
            LocalisedTitle(title_id=obj.pk, language=language, text=text, kind=kind)
            for obj, t in zip(objects, titles, strict=True)
            for language, text, kind in t.localised
        ),
        batch_size=BATCH,
    )
    SearchEntry.objects.bulk_create(
        (
            SearchEntry(
                kind=SearchKind.TITLE,
                title_id=obj.pk,
                text=text,
                names=title_search_names(t),
                forms=forms,
                literal=literal,
            )
            for obj, t, (text, _, forms, literal) in zip(objects, titles, rows, strict=True)
        ),
        batch_size=BATCH,
    )
    return [obj.pk for obj in objects]


def _people_write(
    people: Sequence[SyntheticPerson],
    owner_ids: dict[int, int],
    rows: Sequence[EntryRow],
) -> list[int]:
    """Store people, their names in other scripts and search entries; the new people's ids."""
    objects = [
        Person(
            owner_id=owner_ids[p.owner],
            name=p.name,
            birth_year=p.birth_year,
            country=p.country,
            is_public=p.is_public,
        )
        for p in people
    ]
    Person.objects.bulk_create(objects, batch_size=BATCH)
    PersonName.objects.bulk_create(
        (
            PersonName(person_id=obj.pk, language=language, text=text)
            for obj, p in zip(objects, people, strict=True)
            for language, text in _person_stored_names(p)
        ),
        batch_size=BATCH,
    )
    SearchEntry.objects.bulk_create(
        (
            SearchEntry(
                kind=SearchKind.PERSON,
                person_id=obj.pk,
                text=text,
                names=person_search_names(p),
                forms=forms,
                literal=literal,
            )
            for obj, p, (text, _, forms, literal) in zip(objects, people, rows, strict=True)
        ),
        batch_size=BATCH,
    )
    return [obj.pk for obj in objects]


def _terms_write(rows: Sequence[EntryRow]) -> None:
    """Add the rows' vocabulary words and move the vocabulary counter, as the services do."""
    words = sorted({word for _, row_words, _, _ in rows for word in row_words})
    SearchTerm.objects.bulk_create(
        (SearchTerm(term=word) for word in words), batch_size=BATCH, ignore_conflicts=True
    )
    counter_bump(search_index.VOCABULARY_COUNTER)
    # Entries written in bulk carry no version: one move tells processes holding a search
    # snapshot to compare every id (search_memory).
    counter_bump(search_memory.SEARCH_COUNTER)


def catalog_write(catalog: SyntheticCatalog, *, processes: int = 2) -> dict[str, Any]:
    """Store the catalog and its search rows in one transaction; what was built and how fast."""
    started = time.perf_counter()
    title_rows = entry_rows([title_search_names(t) for t in catalog.titles], processes)
    person_rows = entry_rows([person_search_names(p) for p in catalog.people], processes)
    texts_done = time.perf_counter()
    with transaction.atomic():
        owner_ids = {}
        for i, (name, local, slug, kind, country) in enumerate(catalog.organisations):
            org = Organisation.objects.create(
                name=name, name_local=local, slug=slug, kind=kind, country=country
            )
            owner_ids[i] = org.pk
        title_ids: list[int] = []
        person_ids: list[int] = []
        for start in range(0, len(catalog.titles), BATCH):
            chunk = slice(start, start + BATCH)
            title_ids += _titles_write(catalog.titles[chunk], owner_ids, title_rows[chunk])
        for start in range(0, len(catalog.people), BATCH):
            chunk = slice(start, start + BATCH)
            person_ids += _people_write(catalog.people[chunk], owner_ids, person_rows[chunk])
        Credit.objects.bulk_create(
            (
                Credit(title_id=title_ids[t], person_id=person_ids[p], role=role)
                for t, p, role in catalog.credits
            ),
            batch_size=BATCH,
        )
        _terms_write([*title_rows, *person_rows])
        marker = Organisation.objects.create(
            name="Synthetic catalog marker", slug=MARKER_SLUG, kind="agency", country="GB"
        )
    search_index.statistics_refresh()  # as the importer does after a bulk load
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    info = {
        "titles": len(catalog.titles),
        "people": len(catalog.people),
        "credits": len(catalog.credits),
        "generator_version": GENERATOR_VERSION,
        "processes": processes,
        "texts_seconds": round(texts_done - started, 1),
        "write_seconds": round(time.perf_counter() - texts_done, 1),
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    Organisation.objects.filter(pk=marker.pk).update(description=json.dumps(info))
    return info


def catalog_build(titles: int, *, processes: int = 2) -> tuple[SyntheticCatalog, dict[str, Any]]:
    """Generate and store a catalog of ``titles`` titles; it and what the build recorded."""
    started = time.perf_counter()
    catalog = catalog_generate(titles)
    generated = time.perf_counter() - started
    info = catalog_write(catalog, processes=processes)
    info["generate_seconds"] = round(generated, 1)
    info["build_seconds"] = round(time.perf_counter() - started, 1)
    Organisation.objects.filter(slug=MARKER_SLUG).update(description=json.dumps(info))
    return catalog, info


def entries_stale(sample: int = 500) -> int:
    """How many of ``sample`` stored search entries (spread by id) the text engine would now
    write differently: not 0 once ``index_text`` has changed since the catalog was built."""
    count = SearchEntry.objects.count()
    step = max(1, count // sample)
    ids = SearchEntry.objects.order_by("id").values_list("id", flat=True)[::step]
    rows = SearchEntry.objects.filter(id__in=list(ids)).values_list("text", "literal", "names")
    return sum(
        1
        for text, literal, names in rows
        if search_index.entry_columns(names)[::2] != (text, literal)
    )


def catalog_info() -> dict[str, Any] | None:
    """What ``catalog_write`` recorded in this database; None if it holds no synthetic catalog."""
    marker = Organisation.objects.filter(slug=MARKER_SLUG).first()
    return json.loads(marker.description) if marker is not None else None


# --- self-check -------------------------------------------------------------------------------


def _title_spec(title: SyntheticTitle) -> Any:
    from cinebridge.catalog.specs import LocalisedTitleSpec, TitleSpec

    return TitleSpec(
        kind=title.kind,
        original_title=title.original_title,
        original_language=title.original_language,
        reference=title.reference,
        status=title.status,
        year=title.year,
        runtime_minutes=title.runtime_minutes,
        popularity=title.popularity,
        localised_titles=tuple(LocalisedTitleSpec(*lt) for lt in title.localised),
    )


_TITLE_FIELDS = (
    "reference", "kind", "status", "original_title", "original_language", "year",
    "runtime_minutes", "popularity", "internal_notes", "asking_price", "asking_currency",
)  # fmt: skip


def _fts_ids(word: str) -> set[int]:
    """Entry ids the SQLite trigram index returns for ``word`` (every id elsewhere)."""
    if connection.vendor != "sqlite":
        return set(SearchEntry.objects.values_list("id", flat=True))
    table = search_index.FTS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [search_index._fts_phrase(word)]
        )
        return {row[0] for row in cursor.fetchall()}


def _stored_title(pk: int) -> dict[str, Any]:
    entry = SearchEntry.objects.get(title_id=pk)
    return {
        "fields": Title.objects.filter(pk=pk).values(*_TITLE_FIELDS).get(),
        "localised titles": list(
            LocalisedTitle.objects.filter(title_id=pk)
            .order_by("id")
            .values_list("language", "text", "kind")
        ),
        "search entry": (entry.kind, entry.text, entry.names, entry.forms, entry.literal),
        "vocabulary": search_index._vocabulary_words(entry.text),
        "entry id": entry.pk,
    }


def _stored_person(pk: int) -> dict[str, Any]:
    entry = SearchEntry.objects.get(person_id=pk)
    return {
        "fields": Person.objects.filter(pk=pk).values("name", "birth_year", "country").get(),
        "names": list(
            PersonName.objects.filter(person_id=pk).order_by("id").values_list("language", "text")
        ),
        "search entry": (entry.kind, entry.text, entry.names, entry.forms, entry.literal),
        "vocabulary": search_index._vocabulary_words(entry.text),
        "entry id": entry.pk,
    }


def _differences(label: str, service: dict[str, Any], bulk: dict[str, Any]) -> list[str]:
    """What differs between the rows the services wrote and those the bulk path wrote."""
    found = [
        f"{label}: {key} differ: {service[key]!r} != {bulk[key]!r}"
        for key in service
        if key != "entry id" and service[key] != bulk[key]
    ]
    longest_word = max(bulk["search entry"][1].split(), key=len)
    if not {service["entry id"], bulk["entry id"]} <= _fts_ids(longest_word):
        found.append(f"{label}: the trigram index does not find both entries")
    return found


def catalog_verify(catalog: SyntheticCatalog) -> list[str]:
    """Write sample titles and people via the services and in bulk (rolled back); differences."""
    from cinebridge.catalog import services

    titles = list({t.original_language: t for t in catalog.titles[:200]}.values())
    titles.append(max(catalog.titles[:200], key=lambda t: len(t.localised)))
    people = list({p.country: p for p in catalog.people[:200]}.values())
    problems: list[str] = []
    with transaction.atomic():
        by_services, in_bulk = (
            Organisation.objects.create(
                name=f"Verify {way}", slug=f"synthetic-verify-{way}", kind="agency", country="GB"
            )
            for way in ("services", "bulk")
        )
        bulk_owner = {t.owner: in_bulk.pk for t in titles} | {p.owner: in_bulk.pk for p in people}
        for title in titles:
            service_title = services.title_create(
                actor=None, owner=by_services, spec=_title_spec(title)
            )
            row = _entry_row(title_search_names(title))
            [bulk_id] = _titles_write([title], bulk_owner, [row])
            _terms_write([row])
            problems += _differences(
                title.original_title, _stored_title(service_title.pk), _stored_title(bulk_id)
            )
            if set(row[1]) != _stored_title(service_title.pk)["vocabulary"]:
                problems.append(f"{title.original_title}: vocabulary words differ")
        for person in people:
            service_person = services.person_create(
                actor=None,
                owner=by_services,
                name=person.name,
                names=person.names,
                birth_year=person.birth_year,
                country=person.country,
                is_public=person.is_public,
            )
            row = _entry_row(person_search_names(person))
            [bulk_id] = _people_write([person], bulk_owner, [row])
            _terms_write([row])
            problems += _differences(
                person.name, _stored_person(service_person.pk), _stored_person(bulk_id)
            )
        transaction.set_rollback(True)
    return problems
