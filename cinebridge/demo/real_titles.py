"""Real titles named in DOMAIN.md and a few other well known ones, as raw title data.

Titles, years and credits follow public reporting; credits we were not sure of are left out
rather than guessed. Versions, assets, popularity and the owning organisation are demo data:
they say nothing about who holds the rights. Soviet titles carry RU as production country
because the country list holds current ISO 3166-1 codes only.
"""

from __future__ import annotations

from typing import Any

Raw = dict[str, Any]


def _person(role: str, name: str, latin: str, character: str = "") -> Raw:
    return {"role": role, "name": name, "character": character, "names": [("en", latin)]}


def _lt(language: str, text: str, kind: str = "official") -> Raw:
    return {"language": language, "text": text, "kind": kind}


def _assets(owner: str, reference: str, trailer_language: str) -> list[Raw]:
    base = f"https://example.org/{owner}/{reference.lower()}"
    return [
        {"kind": "poster", "url": f"{base}/poster.jpg", "label": "Poster"},
        {"kind": "trailer", "url": f"{base}/trailer.mp4", "language": trailer_language},
        {"kind": "screener", "url": f"{base}/screener", "label": "Password-protected screener"},
    ]


def _issues(prefix: str, english: str, count: int) -> list[Raw]:
    return [
        {
            "season": 1,
            "number": n,
            "original_title": f"{prefix} {n}",
            "english_title": f"{english} {n}",
        }
        for n in range(1, count + 1)
    ]


NU_POGODI_REFERENCE = "SMF-0001"
# Demo identifiers (valid check characters, not the registries' real ones): the studio's
# listing and its sales agent's listing of «Ну, погоди!» share them, so search shows one
# work with both holders (docs/search.md, "One work, several holders").
NU_POGODI_EIDR = "10.5240/D3A0-0000-0000-0000-0001-T"

REAL_TITLES: tuple[tuple[str, Raw], ...] = (
    ("soyuzmultfilm", {
        "reference": NU_POGODI_REFERENCE, "kind": "series", "status": "published",
        "original_title": "Ну, погоди!", "original_language": "ru", "year": 1969,
        "eidr": NU_POGODI_EIDR,
        "countries": ["RU"], "genres": ["animation", "comedy", "children", "family"],
        "popularity": 9800,
        "localised_titles": [
            _lt("en", "Well, Just You Wait!"), _lt("ru-Latn", "Nu, pogodi!", "romanisation"),
            _lt("vi", "Hãy đợi đấy!"), _lt("vi", "Này, đợi đấy!", "alternative"),
            _lt("zh-Hans", "兔子，等着瞧！"), _lt("zh-Hans", "等着瞧", "alternative"),
            _lt("zh-Latn-pinyin", "Tùzi, děngzhe qiáo!", "romanisation"),
        ],
        "synopses": [
            ("en", "A hooligan Wolf chases a clever Hare through city streets, beaches, "
                   "stadiums and museums, and every plan ends with the Wolf's cry "
                   "\u201cWell, Hare, just you wait!\u201d"),
            ("ru", "Хулиганистый Волк гоняется за Зайцем по улицам, пляжам, стадионам и "
                   "музеям, и каждый его план заканчивается криком «Ну, Заяц, погоди!»"),
        ],
        "credits": [
            _person("director", "Вячеслав Котёночкин", "Vyacheslav Kotyonochkin"),
            _person("writer", "Александр Курляндский", "Aleksandr Kurlyandsky"),
            _person("writer", "Аркадий Хайт", "Arkady Khait"),
            _person("writer", "Феликс Камов", "Felix Kamov"),
            _person("voice", "Анатолий Папанов", "Anatoli Papanov", "Волк"),
            _person("voice", "Клара Румянова", "Klara Rumyanova", "Заяц"),
        ],
        "versions": [
            {"language": "ru", "kind": "original"}, {"language": "en", "kind": "subtitles"},
            {"language": "vi", "kind": "subtitles"}, {"language": "zh-Hans", "kind": "subtitles"},
        ],
        "assets": _assets("soyuzmultfilm", NU_POGODI_REFERENCE, "ru"),
        "episodes": _issues("Выпуск", "Episode", 16),
    }),
    ("soyuzmultfilm", {
        "reference": "SMF-0002", "kind": "animation", "status": "published",
        "original_title": "Ёжик в тумане", "original_language": "ru", "year": 1975,
        "runtime_minutes": 10, "countries": ["RU"], "genres": ["animation", "children", "family"],
        "popularity": 7200,
        "localised_titles": [
            _lt("en", "Hedgehog in the Fog"), _lt("ru-Latn", "Yozhik v tumane", "romanisation"),
            _lt("zh-Hans", "雾中的刺猬"),
        ],
        "synopses": [
            ("en", "Hedgehog sets off through the fog to drink tea with his friend Bear Cub "
                   "and count the stars."),
            ("ru", "Ёжик идёт сквозь туман к Медвежонку пить чай и считать звёзды."),
        ],
        "credits": [
            _person("director", "Юрий Норштейн", "Yuri Norstein"),
            _person("writer", "Сергей Козлов", "Sergei Kozlov"),
            _person("composer", "Михаил Меерович", "Mikhail Meyerovich"),
            _person("cinematographer", "Александр Жуковский", "Alexander Zhukovsky"),
            _person("voice", "Мария Виноградова", "Maria Vinogradova", "Ёжик"),
            _person("voice", "Вячеслав Невинный", "Vyacheslav Nevinny", "Медвежонок"),
            _person("voice", "Алексей Баталов", "Aleksey Batalov", "Рассказчик"),
        ],
        "versions": [{"language": "ru", "kind": "original"}, {"language": "en", "kind": "subtitles"},
                     {"language": "zh-Hans", "kind": "subtitles"}],
        "assets": _assets("soyuzmultfilm", "SMF-0002", "ru"),
    }),
    ("animaccord", {
        "reference": "ANM-0001", "kind": "series", "status": "published",
        "original_title": "Маша и Медведь", "original_language": "ru", "year": 2009,
        "runtime_minutes": 7, "countries": ["RU"], "genres": ["animation", "children", "comedy"],
        "popularity": 9100,
        "localised_titles": [
            _lt("en", "Masha and the Bear"), _lt("ru-Latn", "Masha i Medved", "romanisation"),
            _lt("vi", "Masha và bạn Gấu"), _lt("zh-Hans", "玛莎和熊"),
        ],
        "synopses": [
            ("en", "Masha, a little girl who never sits still, and her neighbour, a retired "
                   "circus bear, whose quiet life in the forest she keeps turning upside down."),
            ("ru", "Непоседа Маша и её сосед, ушедший на покой цирковой медведь, чью тихую "
                   "лесную жизнь она то и дело переворачивает вверх дном."),
        ],
        "credits": [
            _person("producer", "Олег Кузовков", "Oleg Kuzovkov"),
            _person("writer", "Олег Кузовков", "Oleg Kuzovkov"),
            _person("composer", "Василий Богатырёв", "Vasily Bogatyrev"),
            _person("voice", "Алина Кукушкина", "Alina Kukushkina", "Маша"),
            _person("voice", "Борис Кутневич", "Boris Kutnevich", "Медведь"),
        ],
        "versions": [{"language": "ru", "kind": "original"}, {"language": "en", "kind": "dub"},
                     {"language": "vi", "kind": "dub"}, {"language": "zh-Hans", "kind": "dub"}],
        "assets": _assets("animaccord", "ANM-0001", "ru"),
        "episodes": _issues("Серия", "Episode", 6),
    }),
    ("roskino", {  # the sales agent's listing of the studio's series: one work, two holders
        "reference": "RSK-0003", "kind": "series", "status": "published",
        "original_title": "Ну, погоди!", "original_language": "ru", "year": 1969,
        "eidr": NU_POGODI_EIDR, "countries": ["RU"], "genres": ["animation", "comedy"],
        "popularity": 3000,
        "localised_titles": [_lt("en", "Well, Just You Wait!"),
                             _lt("ru-Latn", "Nu, pogodi!", "romanisation")],
    }),
    ("roskino", {
        "reference": "RSK-0001", "kind": "feature", "status": "published",
        "original_title": "Чебурашка", "original_language": "ru", "year": 2023,
        "countries": ["RU"], "genres": ["family", "comedy", "adventure"], "popularity": 6400,
        "localised_titles": [_lt("en", "Cheburashka"),
                             _lt("ru-Latn", "Cheburashka", "romanisation")],
        "synopses": [
            ("en", "A small furry creature arrives in a seaside town in a crate of oranges and "
                   "makes friends with a grumpy old man."),
            ("ru", "Маленький пушистый зверёк попадает в приморский городок в ящике с "
                   "апельсинами и находит друга в ворчливом старике."),
        ],
        "credits": [
            _person("director", "Дмитрий Дьяченко", "Dmitriy Dyachenko"),
            _person("cast", "Сергей Гармаш", "Sergey Garmash"),
        ],
        "versions": [{"language": "ru", "kind": "original"}, {"language": "en", "kind": "subtitles"}],
        "assets": _assets("roskino", "RSK-0001", "ru"),
    }),
    ("roskino", {
        "reference": "RSK-0002", "kind": "feature", "status": "published",
        "original_title": "Красный шёлк", "original_language": "ru", "year": 2025,
        "countries": ["RU", "CN"], "genres": ["period", "adventure", "mystery"], "popularity": 5600,
        "localised_titles": [
            _lt("en", "Red Silk"), _lt("ru-Latn", "Krasny shyolk", "romanisation"),
            _lt("zh-Hans", "红丝绸"), _lt("vi", "Lụa đỏ"),
        ],
        "synopses": [
            ("en", "1927. Secret documents that will decide the future of the USSR and China "
                   "cross Russia on the Trans-Siberian Express; a young Red Army soldier and a "
                   "former tsarist agent join forces against the spies on board."),
            ("ru", "1927 год. Транссибирский экспресс везёт через всю Россию секретные "
                   "документы, от которых зависит будущее СССР и Китая; молодой красноармеец "
                   "и бывший царский агент объединяются против шпионов в поезде."),
        ],
        "credits": [
            _person("director", "Андрей Волгин", "Andrei Volgin"),
            _person("cast", "Милош Бикович", "Miloš Biković", "Николай Гарин"),
            _person("cast", "Глеб Калюжный", "Gleb Kalyuzhny", "Артём Светлов"),
        ],
        "versions": [{"language": "ru", "kind": "original"}, {"language": "zh-Hans", "kind": "dub"},
                     {"language": "zh-Hans", "kind": "subtitles"},
                     {"language": "en", "kind": "subtitles"}],
        "assets": _assets("roskino", "RSK-0002", "ru"),
        "internal_notes": "More than 500 million roubles (about USD 5.9 million) in its first "
                          "month in Russia; release in China scheduled later.",
    }),
    ("central-partnership", {
        "reference": "CPR-0001", "kind": "feature", "status": "published",
        "original_title": "Волшебник Изумрудного города. Дорога из жёлтого кирпича",
        "original_language": "ru", "year": 2024, "countries": ["RU"],
        "genres": ["fantasy", "family", "adventure"], "popularity": 6900,
        "localised_titles": [
            _lt("en", "The Wizard of the Emerald City: Part 1"),
            _lt("en", "The Wizard of the Emerald City: The Yellow Brick Road", "alternative"),
            _lt("ru-Latn", "Volshebnik Izumrudnogo goroda. Doroga iz zhyoltogo kirpicha",
                "romanisation"),
        ],
        "synopses": [
            ("en", "A hurricane carries the girl Ellie and her dog Totoshka to a magic land; to "
                   "get home she walks the yellow brick road to the Emerald City with the "
                   "Scarecrow, the Tin Woodman and the Cowardly Lion."),
            ("ru", "Ураган уносит девочку Элли и её пса Тотошку в волшебную страну; чтобы "
                   "вернуться домой, она идёт по дороге из жёлтого кирпича в Изумрудный город "
                   "вместе со Страшилой, Железным Дровосеком и Трусливым Львом."),
        ],
        "credits": [
            _person("director", "Игорь Волошин", "Igor Voloshin"),
            _person("cast", "Екатерина Червова", "Ekaterina Chervova", "Элли"),
            _person("cast", "Светлана Ходченкова", "Svetlana Khodchenkova", "Бастинда"),
            _person("cast", "Юрий Колокольников", "Yuri Kolokolnikov", "Железный Дровосек"),
            _person("cast", "Евгений Чумак", "Evgeny Chumak", "Страшила"),
        ],
        "versions": [{"language": "ru", "kind": "original"}, {"language": "zh-Hans", "kind": "dub"},
                     {"language": "en", "kind": "subtitles"}],
        "assets": _assets("central-partnership", "CPR-0001", "ru"),
        "internal_notes": "Proposed for theatrical release across China.",
    }),
    ("mosfilm", {
        "reference": "MOS-0001", "kind": "feature", "status": "published",
        "original_title": "Москва слезам не верит", "original_language": "ru", "year": 1979,
        "countries": ["RU"], "genres": ["drama", "romance", "comedy"], "popularity": 7000,
        "localised_titles": [
            _lt("en", "Moscow Does Not Believe in Tears"),
            _lt("ru-Latn", "Moskva slezam ne verit", "romanisation"),
            _lt("zh-Hans", "莫斯科不相信眼泪"), _lt("vi", "Moskva không tin vào nước mắt"),
        ],
        "synopses": [
            ("en", "Three young women come to Moscow in 1958 in search of love and happiness; "
                   "twenty years later one of them, Katerina, now a factory director, meets Gosha."),
            ("ru", "Три девушки приезжают в Москву в 1958 году в поисках любви и счастья; "
                   "двадцать лет спустя одна из них, Катерина, директор комбината, встречает Гошу."),
        ],
        "credits": [
            _person("director", "Владимир Меньшов", "Vladimir Menshov"),
            _person("writer", "Валентин Черных", "Valentin Chernykh"),
            _person("cast", "Вера Алентова", "Vera Alentova", "Катерина"),
            _person("cast", "Алексей Баталов", "Aleksey Batalov", "Гоша"),
            _person("cast", "Ирина Муравьёва", "Irina Muravyova", "Людмила"),
        ],
        "versions": [{"language": "ru", "kind": "original"}, {"language": "zh-Hans", "kind": "dub"},
                     {"language": "vi", "kind": "voice_over"}, {"language": "en", "kind": "subtitles"}],
        "assets": _assets("mosfilm", "MOS-0001", "ru"),
    }),
    ("vietnam-film-promotion", {
        "reference": "VFP-0001", "kind": "feature", "status": "published",
        "original_title": "Đất rừng phương Nam", "original_language": "vi", "year": 2023,
        "countries": ["VN"], "genres": ["drama", "adventure", "period"], "popularity": 5200,
        "localised_titles": [_lt("en", "Song of the South")],
        "synopses": [
            ("en", "In the Mekong Delta of the 1940s the boy An sets out to find his father and "
                   "grows up among the people of the southern forests. After the novel by Đoàn Giỏi."),
            ("vi", "Miền Tây Nam Bộ những năm 1940, cậu bé An lên đường tìm cha và lớn lên giữa "
                   "những con người của rừng phương Nam. Chuyển thể từ tiểu thuyết của nhà văn "
                   "Đoàn Giỏi."),
        ],
        "credits": [_person("director", "Nguyễn Quang Dũng", "Nguyen Quang Dung")],
        "versions": [{"language": "vi", "kind": "original"}, {"language": "en", "kind": "subtitles"},
                     {"language": "ru", "kind": "subtitles"}],
        "assets": _assets("vietnam-film-promotion", "VFP-0001", "vi"),
    }),
    ("vietnam-film-promotion", {
        "reference": "VFP-0002", "kind": "feature", "status": "published",
        "original_title": "Mắt biếc", "original_language": "vi", "year": 2019,
        "countries": ["VN"], "genres": ["romance", "drama"], "popularity": 4800,
        "localised_titles": [_lt("en", "Dreamy Eyes")],
        "synopses": [
            ("en", "Ngạn loves Hà Lan, his childhood friend from the village, all his life. "
                   "After the novel by Nguyễn Nhật Ánh."),
            ("vi", "Ngạn yêu Hà Lan, cô bạn thuở nhỏ cùng làng, suốt cả cuộc đời mình. Chuyển "
                   "thể từ tiểu thuyết của nhà văn Nguyễn Nhật Ánh."),
        ],
        "credits": [
            _person("director", "Victor Vũ", "Victor Vu"),
            _person("cast", "Trần Nghĩa", "Tran Nghia", "Ngạn"),
            _person("cast", "Trúc Anh", "Truc Anh", "Hà Lan"),
        ],
        "versions": [{"language": "vi", "kind": "original"}, {"language": "en", "kind": "subtitles"},
                     {"language": "zh-Hans", "kind": "subtitles"}],
        "assets": _assets("vietnam-film-promotion", "VFP-0002", "vi"),
    }),
    ("vietnam-film-promotion", {
        "reference": "VFP-0003", "kind": "feature", "status": "published",
        "original_title": "Hai Phượng", "original_language": "vi", "year": 2019,
        "countries": ["VN"], "genres": ["action", "thriller", "crime"], "popularity": 5000,
        "localised_titles": [_lt("en", "Furie")],
        "synopses": [
            ("en", "A former gangster turned debt collector in the Mekong Delta goes to Saigon "
                   "to rescue her kidnapped daughter."),
            ("vi", "Một người phụ nữ từng là giang hồ, nay làm nghề đòi nợ ở miền Tây, lên Sài "
                   "Gòn để cứu đứa con gái bị bắt cóc."),
        ],
        "credits": [
            _person("director", "Lê Văn Kiệt", "Le Van Kiet"),
            _person("cast", "Ngô Thanh Vân", "Ngo Thanh Van", "Hai Phượng"),
        ],
        "versions": [{"language": "vi", "kind": "original"}, {"language": "en", "kind": "subtitles"},
                     {"language": "ru", "kind": "voice_over"}],
        "assets": _assets("vietnam-film-promotion", "VFP-0003", "vi"),
    }),
    ("light-chaser-animation", {
        "reference": "LCA-0001", "kind": "animation", "status": "published",
        "original_title": "长安三万里", "original_language": "zh-Hans", "year": 2023,
        "countries": ["CN"], "genres": ["animation", "history", "biography"], "popularity": 6100,
        "localised_titles": [_lt("en", "Chang'an"),
                             _lt("zh-Latn-pinyin", "Cháng'ān Sān Wàn Lǐ", "romanisation")],
        "synopses": [
            ("en", "Gao Shi remembers his decades of friendship with the poet Li Bai in "
                   "Tang-dynasty China."),
            ("zh-Hans", "通过高适的回忆，讲述唐代诗人李白与高适数十年的友谊与人生。"),
        ],
        "credits": [_person("director", "谢君伟", "Xie Junwei"),
                    _person("director", "邹靖", "Zou Jing")],
        "versions": [{"language": "zh-Hans", "kind": "original"},
                     {"language": "en", "kind": "subtitles"}, {"language": "ru", "kind": "subtitles"}],
        "assets": _assets("light-chaser-animation", "LCA-0001", "zh-Hans"),
    }),
    ("china-film-group", {
        "reference": "CFG-0001", "kind": "feature", "status": "published",
        "original_title": "流浪地球", "original_language": "zh-Hans", "year": 2019,
        "runtime_minutes": 125, "countries": ["CN"],
        "genres": ["science-fiction", "adventure", "action"], "popularity": 8300,
        "localised_titles": [
            _lt("en", "The Wandering Earth"), _lt("ru", "Блуждающая Земля"),
            _lt("zh-Latn-pinyin", "Liúlàng Dìqiú", "romanisation"),
        ],
        "synopses": [
            ("en", "As the dying Sun threatens the solar system, humanity fits the Earth with "
                   "giant engines to move it to a new star."),
            ("zh-Hans", "太阳即将毁灭，人类在地球表面建造巨大的行星发动机，推动地球离开太阳系，寻找新家园。"),
        ],
        "credits": [
            _person("director", "郭帆", "Frant Gwo"),
            _person("cast", "吴京", "Wu Jing", "刘培强"),
            _person("cast", "屈楚萧", "Qu Chuxiao", "刘启"),
        ],
        "versions": [{"language": "zh-Hans", "kind": "original"}, {"language": "ru", "kind": "dub"},
                     {"language": "en", "kind": "subtitles"}, {"language": "vi", "kind": "subtitles"}],
        "assets": _assets("china-film-group", "CFG-0001", "zh-Hans"),
    }),
    ("china-film-group", {
        "reference": "CFG-0002", "kind": "animation", "status": "published",
        "original_title": "哪吒之魔童降世", "original_language": "zh-Hans", "year": 2019,
        "countries": ["CN"], "genres": ["animation", "fantasy", "adventure"], "popularity": 8000,
        "localised_titles": [_lt("en", "Ne Zha"),
                             _lt("zh-Latn-pinyin", "Nézhā zhī Mótóng Jiàngshì", "romanisation")],
        "synopses": [
            ("en", "Born of a demon pearl and feared as a monster, the boy Ne Zha fights the "
                   "fate the heavens have set for him."),
            ("zh-Hans", "哪吒由魔丸转世，生来被视为妖怪，却不认命，与天命抗争。"),
        ],
        "credits": [_person("director", "饺子", "Jiaozi")],
        "versions": [{"language": "zh-Hans", "kind": "original"},
                     {"language": "en", "kind": "subtitles"}, {"language": "vi", "kind": "dub"}],
        "assets": _assets("china-film-group", "CFG-0002", "zh-Hans"),
    }),
    ("china-film-group", {
        "reference": "CFG-0003", "kind": "feature", "status": "published",
        "original_title": "你好，李焕英", "original_language": "zh-Hans", "year": 2021,
        "countries": ["CN"], "genres": ["comedy", "drama", "fantasy"], "popularity": 7600,
        "localised_titles": [_lt("en", "Hi, Mom"),
                             _lt("zh-Latn-pinyin", "Nǐ hǎo, Lǐ Huànyīng", "romanisation")],
        "synopses": [
            ("en", "After her mother's accident, Jia Xiaoling finds herself back in 1981, where "
                   "she meets her mother as a young woman and tries to make her happy."),
            ("zh-Hans", "母亲意外受伤后，贾晓玲穿越回1981年，遇见年轻时的母亲李焕英，想让她过得更开心。"),
        ],
        "credits": [
            _person("director", "贾玲", "Jia Ling"),
            _person("cast", "贾玲", "Jia Ling", "贾晓玲"),
            _person("cast", "张小斐", "Zhang Xiaofei", "李焕英"),
            _person("cast", "沈腾", "Shen Teng"),
        ],
        "versions": [{"language": "zh-Hans", "kind": "original"},
                     {"language": "ru", "kind": "subtitles"}, {"language": "en", "kind": "subtitles"}],
        "assets": _assets("china-film-group", "CFG-0003", "zh-Hans"),
    }),
)  # fmt: skip
