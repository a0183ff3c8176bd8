"""Word lists the demo generator composes titles, synopses and names from.

Every entry carries its English, Russian, Vietnamese and Simplified Chinese forms, so one
invented title can be given in all four languages (``LANGS`` order: en, ru, vi, zh-Hans).
Russian nouns carry their gender so adjectives agree; places carry the prepositional case.
"""

from __future__ import annotations

# (en, ru, gender m/f/n/pl, vi, zh)
NOUNS: tuple[tuple[str, str, str, str, str], ...] = (
    ("River", "река", "f", "dòng sông", "河流"),
    ("Wind", "ветер", "m", "cơn gió", "风"),
    ("Road", "дорога", "f", "con đường", "路"),
    ("Summer", "лето", "n", "mùa hè", "夏天"),
    ("Winter", "зима", "f", "mùa đông", "冬天"),
    ("Garden", "сад", "m", "khu vườn", "花园"),
    ("Village", "деревня", "f", "ngôi làng", "村庄"),
    ("Lighthouse", "маяк", "m", "ngọn hải đăng", "灯塔"),
    ("Train", "поезд", "m", "chuyến tàu", "列车"),
    ("Star", "звезда", "f", "ngôi sao", "星星"),
    ("Heart", "сердце", "n", "trái tim", "心"),
    ("Sky", "небо", "n", "bầu trời", "天空"),
    ("Forest", "лес", "m", "khu rừng", "森林"),
    ("City", "город", "m", "thành phố", "城市"),
    ("Bridge", "мост", "m", "cây cầu", "桥"),
    ("Island", "остров", "m", "hòn đảo", "岛"),
    ("Song", "песня", "f", "bài ca", "歌"),
    ("Dream", "сон", "m", "giấc mơ", "梦"),
    ("Mountains", "горы", "pl", "những ngọn núi", "群山"),
    ("Lanterns", "фонари", "pl", "những chiếc đèn lồng", "灯笼"),
)

# (en, (ru masculine, feminine, neuter, plural), vi, zh)
ADJECTIVES: tuple[tuple[str, tuple[str, str, str, str], str, str], ...] = (
    ("Quiet", ("тихий", "тихая", "тихое", "тихие"), "yên tĩnh", "宁静"),
    ("Last", ("последний", "последняя", "последнее", "последние"), "cuối cùng", "最后"),
    ("Distant", ("далёкий", "далёкая", "далёкое", "далёкие"), "xa xôi", "遥远"),
    ("White", ("белый", "белая", "белое", "белые"), "trắng", "白色"),
    ("Red", ("красный", "красная", "красное", "красные"), "đỏ", "红色"),
    ("Golden", ("золотой", "золотая", "золотое", "золотые"), "vàng", "金色"),
    ("Northern", ("северный", "северная", "северное", "северные"), "phương Bắc", "北方"),
    ("Southern", ("южный", "южная", "южное", "южные"), "phương Nam", "南方"),
    ("Long", ("долгий", "долгая", "долгое", "долгие"), "dài", "漫长"),
    ("Brave", ("смелый", "смелая", "смелое", "смелые"), "dũng cảm", "勇敢"),
    ("Secret", ("тайный", "тайная", "тайное", "тайные"), "bí mật", "秘密"),
    ("Bright", ("светлый", "светлая", "светлое", "светлые"), "tươi sáng", "明亮"),
    ("Old", ("старый", "старая", "старое", "старые"), "cũ", "古老"),
    ("Green", ("зелёный", "зелёная", "зелёное", "зелёные"), "xanh", "绿色"),
)
GENDER_INDEX = {"m": 0, "f": 1, "n": 2, "pl": 3}

# (en, ru nominative, ru prepositional with its preposition, vi, zh, country)
PLACES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Kazan", "Казань", "в Казани", "Kazan", "喀山", "RU"),
    ("Sochi", "Сочи", "в Сочи", "Sochi", "索契", "RU"),
    ("Irkutsk", "Иркутск", "в Иркутске", "Irkutsk", "伊尔库茨克", "RU"),
    ("Murmansk", "Мурманск", "в Мурманске", "Murmansk", "摩尔曼斯克", "RU"),
    ("Vladivostok", "Владивосток", "во Владивостоке", "Vladivostok", "符拉迪沃斯托克", "RU"),
    ("Yaroslavl", "Ярославль", "в Ярославле", "Yaroslavl", "雅罗斯拉夫尔", "RU"),
    ("Suzdal", "Суздаль", "в Суздале", "Suzdal", "苏兹达尔", "RU"),
    ("Hanoi", "Ханой", "в Ханое", "Hà Nội", "河内", "VN"),
    ("Hue", "Хюэ", "в Хюэ", "Huế", "顺化", "VN"),
    ("Da Lat", "Далат", "в Далате", "Đà Lạt", "大叻", "VN"),
    ("Hoi An", "Хойан", "в Хойане", "Hội An", "会安", "VN"),
    ("Can Tho", "Кантхо", "в Кантхо", "Cần Thơ", "芹苴", "VN"),
    ("Ha Long", "Халонг", "в Халонге", "Hạ Long", "下龙", "VN"),
    ("Harbin", "Харбин", "в Харбине", "Cáp Nhĩ Tân", "哈尔滨", "CN"),
    ("Shanghai", "Шанхай", "в Шанхае", "Thượng Hải", "上海", "CN"),
    ("Hangzhou", "Ханчжоу", "в Ханчжоу", "Hàng Châu", "杭州", "CN"),
    ("Suzhou", "Сучжоу", "в Сучжоу", "Tô Châu", "苏州", "CN"),
    ("Chengdu", "Чэнду", "в Чэнду", "Thành Đô", "成都", "CN"),
    ("Xi'an", "Сиань", "в Сиане", "Tây An", "西安", "CN"),
)

# (en, ru, vi, zh)
SEASONS: tuple[tuple[str, str, str, str], ...] = (
    ("Summer", "Лето", "Mùa hè", "夏天"),
    ("Winter", "Зима", "Mùa đông", "冬天"),
    ("Autumn", "Осень", "Mùa thu", "秋天"),
    ("Spring", "Весна", "Mùa xuân", "春天"),
)

# Animated heroes: (en, ru genitive, vi, zh) for "The Adventures of ..."
HEROES: tuple[tuple[str, str, str, str], ...] = (
    ("Little Fox", "Лисёнка", "Cáo Con", "小狐狸"),
    ("Bear Cub", "Медвежонка", "Gấu Con", "小熊"),
    ("Little Buffalo", "Буйволёнка", "Nghé Con", "小水牛"),
    ("Little Dragon", "Дракончика", "Rồng Con", "小龙"),
    ("Little Penguin", "Пингвинёнка", "Chim Cánh Cụt Con", "小企鹅"),
    ("Little Hare", "Зайчонка", "Thỏ Con", "小兔子"),
)
# Voiced characters of animation: (ru, vi, zh)
ANIMAL_CHARACTERS: tuple[tuple[str, str, str], ...] = (
    ("Лисёнок", "Cáo Con", "小狐狸"),
    ("Медвежонок", "Gấu Con", "小熊"),
    ("Зайчонок", "Thỏ Con", "小兔子"),
    ("Дракончик", "Rồng Con", "小龙"),
    ("Ворона", "Quạ", "乌鸦"),
    ("Черепаха", "Rùa", "乌龟"),
)

# Documentary topics: (en, ru, vi, zh with spaces between words, for pinyin), titled
# "<place>: <topic>"
DOC_TOPICS: tuple[tuple[str, str, str, str], ...] = (
    ("Masters of the Craft", "Мастера ремесла", "Những nghệ nhân", "匠人"),
    ("The Taste of Home", "Вкус дома", "Hương vị quê nhà", "家 的 味道"),
    ("Voices of the River", "Голоса реки", "Tiếng nói dòng sông", "河流 之 声"),
    ("The Old Railway", "Старая железная дорога", "Tuyến đường sắt cũ", "老 铁路"),
    ("People of the Market", "Люди рынка", "Những người ở chợ", "市场 里 的 人们"),
    ("Festival of Lights", "Праздник огней", "Lễ hội ánh sáng", "灯光节"),
    ("Heritage", "Наследие", "Di sản", "遗产"),
    ("Tea and Time", "Чай и время", "Trà và thời gian", "茶 与 时光"),
    ("The Last Boatmen", "Последние лодочники", "Những người lái đò cuối cùng", "最后 的 船夫"),
)

# TV programme names: (en, ru, vi, zh) with {en}/{ru_nom}/{ru_prep}/{vi}/{zh} for a place.
TV_PATTERNS: tuple[tuple[str, str, str, str], ...] = (
    ("Weekend in {en}", "Выходные {ru_prep}", "Cuối tuần ở {vi}", "{zh}周末"),
    ("Travel Notes: {en}", "Путевые заметки. {ru_nom}", "Ghi chép du lịch: {vi}", "旅行笔记：{zh}"),
    ("Cooking in {en}", "Готовим {ru_prep}", "Nấu ăn ở {vi}", "在{zh}做饭"),
    (
        "Morning Studio: {en}",
        "Утренняя студия. {ru_nom}",
        "Phòng thu buổi sáng: {vi}",
        "早间演播室：{zh}",
    ),
)

# Synopsis opening sentences per group: (en, ru, vi, zh)
SUBJECTS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "story": (
        (
            "A young teacher returns to her home village and finds it changed beyond recognition.",
            "Молодая учительница возвращается в родную деревню и не узнаёт её.",
            "Một cô giáo trẻ trở về làng quê và nhận ra mọi thứ đã đổi thay.",
            "一位年轻女教师回到家乡，发现村庄已面目全非。",
        ),
        (
            "Two families divided by a river and an old quarrel are forced to work together.",
            "Две семьи, разделённые рекой и давней ссорой, вынуждены работать вместе.",
            "Hai gia đình bị chia cắt bởi dòng sông và mối bất hòa cũ buộc phải hợp tác.",
            "被一条河和一段旧怨分隔的两个家庭不得不携手合作。",
        ),
        (
            "An engineer builds a bridge against the odds and against her own family.",
            "Инженер строит мост вопреки обстоятельствам и собственной семье.",
            "Một nữ kỹ sư xây cây cầu bất chấp khó khăn và cả sự phản đối của gia đình.",
            "一位女工程师不顾重重困难和家人的反对修建大桥。",
        ),
        (
            "A detective follows a forger across the border and into his own past.",
            "Сыщик идёт по следу фальшивомонетчика за границу и в собственное прошлое.",
            "Một thám tử truy đuổi kẻ làm giả qua biên giới và trở về quá khứ của chính mình.",
            "一名侦探追踪伪造者越过边境，也走进了自己的过去。",
        ),
        (
            "A girl spends a long summer with her grandmother and learns the family secret.",
            "Девочка проводит долгое лето у бабушки и узнаёт семейную тайну.",
            "Một cô bé trải qua mùa hè dài bên bà ngoại và khám phá bí mật của gia đình.",
            "一个女孩在外婆家度过漫长的夏天，发现了家族的秘密。",
        ),
        (
            "A band of musicians sets off on its last tour.",
            "Музыкальная группа отправляется в последний гастрольный тур.",
            "Một ban nhạc lên đường cho chuyến lưu diễn cuối cùng.",
            "一支乐队踏上最后一次巡演。",
        ),
        (
            "A fishing village prepares for the great storm.",
            "Рыбацкий посёлок готовится к большому шторму.",
            "Một làng chài chuẩn bị đối mặt với cơn bão lớn.",
            "一个渔村准备迎接大风暴。",
        ),
        (
            "Two strangers meet on a night train and have until morning to decide.",
            "Двое незнакомцев встречаются в ночном поезде, и до утра им нужно принять решение.",
            "Hai người xa lạ gặp nhau trên chuyến tàu đêm và phải quyết định trước bình minh.",
            "两个陌生人在夜车上相遇，必须在天亮前做出决定。",
        ),
        (
            "A retired soldier returns to the town he once defended.",
            "Отставной солдат возвращается в город, который когда-то защищал.",
            "Một người lính về hưu trở lại thị trấn mà ông từng bảo vệ.",
            "一位退役老兵回到他曾经保卫过的小城。",
        ),
        (
            "A young chef risks everything to open a restaurant in a foreign city.",
            "Молодой повар рискует всем, чтобы открыть ресторан в чужом городе.",
            "Một đầu bếp trẻ đánh cược tất cả để mở nhà hàng ở thành phố xa lạ.",
            "一位年轻厨师孤注一掷，在异乡开了一家餐馆。",
        ),
    ),
    "animation": (
        (
            "A fox cub dreams of seeing the sea and sets off with a map drawn by a crow.",
            "Лисёнок мечтает увидеть море и отправляется в путь с картой, которую нарисовала ворона.",
            "Chú cáo con mơ được nhìn thấy biển và lên đường với tấm bản đồ do quạ vẽ.",
            "小狐狸梦想看到大海，带着乌鸦画的地图出发了。",
        ),
        (
            "A little dragon who is afraid of the dark learns to light the New Year lanterns.",
            "Маленький дракон, который боится темноты, учится зажигать новогодние фонари.",
            "Chú rồng nhỏ sợ bóng tối học cách thắp những chiếc đèn lồng đón năm mới.",
            "怕黑的小龙学着点亮新年的灯笼。",
        ),
        (
            "A hare and a bear cub build a raft to visit their friends downstream.",
            "Зайчонок и медвежонок строят плот, чтобы навестить друзей вниз по реке.",
            "Thỏ con và gấu con đóng bè để thăm những người bạn ở hạ nguồn.",
            "小兔子和小熊造了一只木筏，去看望下游的朋友。",
        ),
        (
            "A buffalo calf wants to win the village kite festival.",
            "Буйволёнок хочет победить на деревенском празднике воздушных змеев.",
            "Chú nghé con muốn chiến thắng hội thả diều của làng.",
            "小水牛想在村里的风筝节上夺冠。",
        ),
        (
            "A penguin chick loses its way and finds a new family.",
            "Пингвинёнок теряется и находит новую семью.",
            "Chú chim cánh cụt con bị lạc và tìm được một gia đình mới.",
            "迷路的小企鹅找到了新的家。",
        ),
        (
            "Toys in an old shop come to life when the last customer leaves.",
            "Игрушки в старом магазине оживают, когда уходит последний покупатель.",
            "Những món đồ chơi trong cửa hàng cũ sống dậy khi vị khách cuối cùng rời đi.",
            "最后一位顾客离开后，老店里的玩具们活了过来。",
        ),
    ),
    "documentary": (
        (
            "Craftspeople keep an old tradition alive.",
            "Мастера сохраняют старинное ремесло.",
            "Những nghệ nhân gìn giữ một nghề truyền thống.",
            "手艺人守护着一门古老的技艺。",
        ),
        (
            "The last ferrymen of a great river tell their stories.",
            "Последние паромщики большой реки рассказывают о своей жизни.",
            "Những người lái đò cuối cùng trên dòng sông lớn kể về cuộc đời mình.",
            "大河上最后的摆渡人讲述他们的故事。",
        ),
        (
            "A railway journey across two countries, station by station.",
            "Путешествие по железной дороге через две страны, от станции к станции.",
            "Hành trình đường sắt qua hai đất nước, từ ga này đến ga khác.",
            "一段穿越两个国家的铁路旅程，一站又一站。",
        ),
        (
            "Cooks, farmers and market traders follow a dish from field to table.",
            "Повара, фермеры и торговцы прослеживают путь блюда от поля до стола.",
            "Đầu bếp, nông dân và tiểu thương theo chân một món ăn từ cánh đồng đến bàn ăn.",
            "厨师、农民和商贩追寻一道菜从田间到餐桌的旅程。",
        ),
        (
            "Restorers bring a forgotten film archive back to light.",
            "Реставраторы возвращают к жизни забытый киноархив.",
            "Những người phục chế đưa một kho lưu trữ phim bị lãng quên trở lại ánh sáng.",
            "修复师让一座被遗忘的电影档案馆重见天日。",
        ),
        (
            "A year in the life of a mountain school.",
            "Год из жизни горной школы.",
            "Một năm trong cuộc sống của ngôi trường vùng núi.",
            "一所山区学校的一年。",
        ),
    ),
    "tv": (
        (
            "Hosts from two countries travel, cook and talk with local people.",
            "Ведущие из двух стран путешествуют, готовят и беседуют с местными жителями.",
            "Hai người dẫn chương trình từ hai nước cùng du lịch, nấu ăn và trò chuyện với người "
            "dân địa phương.",
            "来自两国的主持人一起旅行、做饭，与当地人交谈。",
        ),
        (
            "Film-makers and critics discuss the week's premieres.",
            "Кинематографисты и критики обсуждают премьеры недели.",
            "Các nhà làm phim và nhà phê bình bàn luận về những bộ phim ra mắt trong tuần.",
            "电影人和影评人讨论本周的新片。",
        ),
        (
            "Young musicians compete for a place at the festival.",
            "Молодые музыканты соревнуются за место на фестивале.",
            "Những nhạc sĩ trẻ tranh tài để giành một suất tại liên hoan.",
            "年轻音乐人争夺音乐节的演出机会。",
        ),
    ),
}

# Synopsis closing sentence per title kind: (en, ru, vi, zh)
CLOSINGS: dict[str, tuple[str, str, str, str]] = {
    "feature": ("A story of courage, friendship and home.",
                "История о смелости, дружбе и доме.",
                "Câu chuyện về lòng dũng cảm, tình bạn và quê hương.",
                "一个关于勇气、友情和家园的故事。"),
    "series": ("A drama series about the choices that shape a family.",
               "Сериал о выборе, который определяет судьбу семьи.",
               "Bộ phim truyền hình về những lựa chọn định hình một gia đình.",
               "一部关于改变一个家庭命运的抉择的电视剧。"),
    "animation": ("An animated tale for the whole family.",
                  "Мультфильм для всей семьи.",
                  "Phim hoạt hình dành cho cả gia đình.",
                  "一部适合全家观看的动画片。"),
    "documentary": ("Filmed over three years with the people who live it.",
                    "Снято за три года вместе с героями фильма.",
                    "Được quay trong ba năm cùng những nhân vật có thật.",
                    "历时三年，与片中人物一起拍摄。"),
    "tv_programme": ("A weekly programme of travel, food and conversation.",
                     "Еженедельная программа о путешествиях, еде и людях.",
                     "Chương trình hằng tuần về du lịch, ẩm thực và con người.",
                     "一档关于旅行、美食与人物的每周节目。"),
}  # fmt: skip

# People. Russian: (name, Latin) for first names; (masculine, feminine, Latin m, Latin f).
RU_MALE = (("Алексей", "Aleksei"), ("Дмитрий", "Dmitry"), ("Иван", "Ivan"),
           ("Михаил", "Mikhail"), ("Николай", "Nikolai"), ("Сергей", "Sergei"),
           ("Фёдор", "Fyodor"), ("Кирилл", "Kirill"), ("Григорий", "Grigory"), ("Олег", "Oleg"),
           ("Ерлан", "Yerlan"), ("Нурлан", "Nurlan"))  # fmt: skip
RU_FEMALE = (("Анна", "Anna"), ("Екатерина", "Ekaterina"), ("Ольга", "Olga"),
             ("Татьяна", "Tatiana"), ("Вера", "Vera"), ("Юлия", "Yulia"), ("Дарья", "Daria"),
             ("Ксения", "Ksenia"), ("Людмила", "Lyudmila"), ("Полина", "Polina"),
             ("Асель", "Assel"), ("Айгерим", "Aigerim"))  # fmt: skip
RU_SURNAMES = (
    ("Соколов", "Соколова", "Sokolov", "Sokolova"), ("Орлов", "Орлова", "Orlov", "Orlova"),
    ("Воронцов", "Воронцова", "Vorontsov", "Vorontsova"),
    ("Морозов", "Морозова", "Morozov", "Morozova"), ("Белов", "Белова", "Belov", "Belova"),
    ("Лебедев", "Лебедева", "Lebedev", "Lebedeva"), ("Ершов", "Ершова", "Yershov", "Yershova"),
    ("Громов", "Громова", "Gromov", "Gromova"), ("Зимин", "Зимина", "Zimin", "Zimina"),
    ("Ковалёв", "Ковалёва", "Kovalyov", "Kovalyova"), ("Фомин", "Фомина", "Fomin", "Fomina"),
    ("Тихонов", "Тихонова", "Tikhonov", "Tikhonova"), ("Гусев", "Гусева", "Gusev", "Guseva"),
    ("Абенов", "Абенова", "Abenov", "Abenova"),
    ("Жумабаев", "Жумабаева", "Zhumabayev", "Zhumabayeva"),
)  # fmt: skip
VI_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
             "Bùi", "Đỗ", "Ngô", "Dương")  # fmt: skip
VI_GIVEN = ("Văn Hùng", "Thị Mai", "Minh Tuấn", "Thu Trang", "Quang Huy", "Ngọc Ánh",
            "Hải Yến", "Đức Thịnh", "Bảo Ngọc", "Thanh Sơn", "Khánh Linh", "Công Vinh")  # fmt: skip
ZH_FAMILY = (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
             ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"),
             ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"))  # fmt: skip
ZH_GIVEN = (("晓明", "Xiaoming"), ("丽华", "Lihua"), ("建国", "Jianguo"), ("雨欣", "Yuxin"),
            ("子涵", "Zihan"), ("志强", "Zhiqiang"), ("海燕", "Haiyan"), ("文博", "Wenbo"),
            ("思远", "Siyuan"), ("静怡", "Jingyi"), ("浩然", "Haoran"), ("嘉怡", "Jiayi"))  # fmt: skip

# Character names for cast, and the word for a TV host: per original language.
CHARACTERS = {
    "ru": ("Анна", "Мария", "Иван", "Пётр", "Ольга", "Николай", "Вера", "Фёдор"),
    "vi": ("Lan", "Minh", "Hùng", "Mai", "Tuấn", "Hoa", "Dũng", "Thảo"),
    "zh-Hans": ("小雨", "阿明", "林峰", "秀兰", "大海", "春燕", "志远", "晓梅"),
}
HOST = {"ru": "Ведущий", "vi": "Người dẫn chương trình", "zh-Hans": "主持人"}
EPISODE_WORD = {"ru": "Серия {n}", "vi": "Tập {n}", "zh-Hans": "第{n}集"}

INTERNAL_NOTES = (
    "Awaiting clearance of the music rights before publishing.",
    "Festival premiere planned: keep unlisted until the selection is announced.",
    "New subtitles in preparation; screener link to be replaced.",
    "Price agreed with the producer for CIS and Southeast Asia only.",
    "Check the co-producer's approval before offering to broadcasters.",
)
