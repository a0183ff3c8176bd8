"""Hand-written demo reference data: the organisations and the demo users.

Real organisations named in DOMAIN.md carry a short, factual profile; the others are
fictional and say so in their description. Websites point at example.org, never at real
sites. Which organisation owns which demo title is illustrative only: it is not a statement
about who holds the rights to a real work.

The demo password is public (it is printed by ``cinebridge demo``); the command refuses to
run on a production installation unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass

from cinebridge.organisations.models import OrganisationKind as Kind
from cinebridge.organisations.models import Role

DEMO_PASSWORD = "cinebridge-demo"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "cinebridge-admin"


@dataclass(frozen=True)
class DemoOrganisation:
    """An organisation of the demo; ``prefix`` starts its titles' references (``SMF-0042``)."""

    slug: str
    name: str
    name_local: str
    kind: str
    country: str
    description: str
    prefix: str = ""

    @property
    def website(self) -> str:
        return f"https://example.org/{self.slug}"


@dataclass(frozen=True)
class DemoMember:
    """A demo user's role in one organisation."""

    username: str
    organisation: str  # slug
    role: str
    full_name: str


FICTIONAL = "A fictional organisation of the cinebridge demo."

ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    # Russia
    DemoOrganisation(
        "roskino",
        "Roskino",
        "Роскино",
        Kind.AGENCY,
        "RU",
        "Promotes Russian audiovisual content in foreign markets: presents Russian titles at "
        "markets and festivals and organises Russian film weeks abroad.",
        "RSK",
    ),
    DemoOrganisation(
        "soyuzmultfilm",
        "Soyuzmultfilm",
        "Союзмультфильм",
        Kind.STUDIO,
        "RU",
        "Moscow animation studio founded in 1936, home of «Ну, погоди!» and «Ёжик в тумане».",
        "SMF",
    ),
    DemoOrganisation(
        "central-partnership",
        "Central Partnership",
        "Централ Партнершип",
        Kind.STUDIO,
        "RU",
        "Russian film and television producer and distributor.",
        "CPR",
    ),
    DemoOrganisation(
        "riki-group",
        "Riki Group",
        "Рики",
        Kind.STUDIO,
        "RU",
        "Russian animation company, creator of «Смешарики».",
        "RIK",
    ),
    DemoOrganisation(
        "mechtalet",
        "Mechtalet",
        "Мечталет",
        Kind.STUDIO,
        "RU",
        "Russian producer of feature films and series.",
        "MCH",
    ),
    DemoOrganisation(
        "vodorod",
        "Vodorod",
        "Водород",
        Kind.STUDIO,
        "RU",
        "Russian film and series production company.",
        "VDR",
    ),
    DemoOrganisation(
        "mosfilm",
        "Mosfilm",
        "Мосфильм",
        Kind.STUDIO,
        "RU",
        "Moscow film studio, home of «Москва слезам не верит».",
        "MOS",
    ),
    DemoOrganisation(
        "animaccord",
        "Animaccord",
        "Анимаккорд",
        Kind.STUDIO,
        "RU",
        "Animation studio behind «Маша и Медведь».",
        "ANM",
    ),
    DemoOrganisation(
        "volga-documentary",
        "Volga Documentary Studio",
        "Волжская студия документального кино",
        Kind.STUDIO,
        "RU",
        FICTIONAL + " Documentaries about people, crafts and rivers.",
        "VDS",
    ),
    DemoOrganisation(
        "baikal-film-distribution",
        "Baikal Film Distribution",
        "Байкал Фильм Дистрибьюшн",
        Kind.DISTRIBUTOR,
        "RU",
        FICTIONAL + " Theatrical distribution in Russia and the CIS.",
        "BFD",
    ),
    DemoOrganisation(
        "kosmos-tv",
        "Kosmos TV",
        "Телеканал «Космос»",
        Kind.BROADCASTER,
        "RU",
        FICTIONAL + " A family entertainment channel.",
        "KTV",
    ),
    DemoOrganisation(
        "okko",
        "Okko",
        "Okko",
        Kind.VOD,
        "RU",
        "Russian online cinema (VOD service).",
    ),
    DemoOrganisation(
        "baikal-crossroads",
        "Baikal Crossroads Film Market",
        "Кинорынок «Байкальский перекрёсток»",
        Kind.FESTIVAL,
        "RU",
        FICTIONAL + " A film market for Russian and Asian producers.",
    ),
    DemoOrganisation(
        "rossiya-segodnya",
        "Rossiya Segodnya",
        "Россия сегодня",
        Kind.NEWS_AGENCY,
        "RU",
        "Russian international news agency (RIA Novosti, Sputnik).",
    ),
    DemoOrganisation(
        "minculture-ru",
        "Ministry of Culture of the Russian Federation",
        "Министерство культуры Российской Федерации",
        Kind.AUTHORITY,
        "RU",
        "Issues distribution certificates and supports national film production.",
    ),
    # China
    DemoOrganisation(
        "china-film-group",
        "China Film Group",
        "中国电影集团公司",
        Kind.DISTRIBUTOR,
        "CN",
        "State-owned Chinese film producer, distributor and exhibitor.",
        "CFG",
    ),
    DemoOrganisation(
        "china-media-group",
        "China Media Group",
        "中央广播电视总台",
        Kind.BROADCASTER,
        "CN",
        "China's national broadcaster and state media group.",
        "CMG",
    ),
    DemoOrganisation(
        "china-film-administration",
        "China Film Administration",
        "国家电影局",
        Kind.AUTHORITY,
        "CN",
        "Regulates film production, distribution and exhibition in China, including the "
        "approval of co-productions.",
    ),
    DemoOrganisation(
        "light-chaser-animation",
        "Light Chaser Animation",
        "追光动画",
        Kind.STUDIO,
        "CN",
        "Chinese animation studio.",
        "LCA",
    ),
    DemoOrganisation(
        "jade-river-animation",
        "Jade River Animation",
        "玉河动画",
        Kind.STUDIO,
        "CN",
        FICTIONAL + " Animated series and films for children.",
        "JRA",
    ),
    DemoOrganisation(
        "silk-road-pictures",
        "Silk Road Pictures",
        "丝路影业",
        Kind.STUDIO,
        "CN",
        FICTIONAL + " Feature films and co-productions with Russia and South-East Asia.",
        "SRP",
    ),
    DemoOrganisation(
        "bamboo-lantern",
        "Bamboo Lantern Documentary",
        "竹灯纪录片工作室",
        Kind.STUDIO,
        "CN",
        FICTIONAL + " Documentaries on heritage, food and travel.",
        "BLD",
    ),
    DemoOrganisation(
        "lotus-screen",
        "Lotus Screen",
        "荷屏视频",
        Kind.VOD,
        "CN",
        FICTIONAL + " A streaming service for films and series.",
    ),
    DemoOrganisation(
        "harbin-winter-forum",
        "Harbin Winter Screen Forum",
        "哈尔滨冬季影视论坛",
        Kind.FESTIVAL,
        "CN",
        FICTIONAL + " Screenings and producer meetings every February.",
    ),
    # Vietnam
    DemoOrganisation(
        "vtv",
        "Vietnam Television (VTV)",
        "Đài Truyền hình Việt Nam",
        Kind.BROADCASTER,
        "VN",
        "Vietnam's national television broadcaster.",
        "VTV",
    ),
    DemoOrganisation(
        "telefilm-vietnam",
        "Telefilm Vietnam",
        "Telefilm Việt Nam",
        Kind.FESTIVAL,
        "VN",
        "International exhibition of film and television content and technology in Vietnam.",
    ),
    DemoOrganisation(
        "vna",
        "Vietnam News Agency (VNA)",
        "Thông tấn xã Việt Nam",
        Kind.NEWS_AGENCY,
        "VN",
        "Vietnam's national news agency.",
    ),
    DemoOrganisation(
        "vov",
        "Voice of Vietnam (VOV)",
        "Đài Tiếng nói Việt Nam",
        Kind.NEWS_AGENCY,
        "VN",
        "Vietnam's national radio and media group.",
    ),
    DemoOrganisation(
        "vietnam-cinema-department",
        "Vietnam Cinema Department",
        "Cục Điện ảnh",
        Kind.AUTHORITY,
        "VN",
        "The film authority of Vietnam's Ministry of Culture, Sports and Tourism.",
    ),
    DemoOrganisation(
        "saigon-lotus-pictures",
        "Saigon Lotus Pictures",
        "Hãng phim Sen Sài Gòn",
        Kind.STUDIO,
        "VN",
        FICTIONAL + " Feature films and series from Ho Chi Minh City.",
        "SLP",
    ),
    DemoOrganisation(
        "red-river-animation",
        "Red River Animation",
        "Hãng phim hoạt hình Sông Hồng",
        Kind.STUDIO,
        "VN",
        FICTIONAL + " Animation from Hanoi.",
        "RRA",
    ),
    DemoOrganisation(
        "hanoi-heritage-films",
        "Hanoi Heritage Films",
        "Hãng phim Di sản Hà Nội",
        Kind.STUDIO,
        "VN",
        FICTIONAL + " Documentaries on crafts, food and history.",
        "HHF",
    ),
    DemoOrganisation(
        "mekong-screen",
        "Mekong Screen",
        "Màn ảnh Mê Kông",
        Kind.VOD,
        "VN",
        FICTIONAL + " A streaming service for South-East Asia.",
    ),
    DemoOrganisation(
        "vietnam-film-promotion",
        "Vietnam Film Promotion Centre",
        "Trung tâm Quảng bá Điện ảnh Việt Nam",
        Kind.AGENCY,
        "VN",
        FICTIONAL + " Presents Vietnamese films at markets abroad.",
        "VFP",
    ),
    # Elsewhere
    DemoOrganisation(
        "steppe-horizon-films",
        "Steppe Horizon Films",
        "Дала Көкжиегі",
        Kind.STUDIO,
        "KZ",
        FICTIONAL + " Kazakh producer of Russian-language films.",
        "SHF",
    ),
    DemoOrganisation(
        "ganga-screen",
        "Ganga Screen Distribution",
        "गंगा स्क्रीन डिस्ट्रीब्यूशन",
        Kind.DISTRIBUTOR,
        "IN",
        FICTIONAL + " Buys theatrical and TV rights for India.",
    ),
    DemoOrganisation(
        "siam-monsoon-festival",
        "Siam Monsoon Film Festival",
        "เทศกาลภาพยนตร์มรสุมสยาม",
        Kind.FESTIVAL,
        "TH",
        FICTIONAL + " Asian cinema, every September in Bangkok.",
    ),
    DemoOrganisation(
        "nomad-news",
        "Nomad News Service",
        "Көшпенді жаңалықтар қызметі",
        Kind.NEWS_AGENCY,
        "KZ",
        FICTIONAL + " Central Asian news and photo agency.",
    ),
)

ORGANISATIONS_BY_SLUG = {o.slug: o for o in ORGANISATIONS}

# One user per role in several organisations (every role appears at least once), plus one
# person who works for two organisations, so a visitor can see tenancy at work.
MEMBERS: tuple[DemoMember, ...] = (
    DemoMember("roskino-admin", "roskino", Role.ADMIN, "Ирина Волкова"),
    DemoMember("roskino-sales", "roskino", Role.SALES, "Павел Орлов"),
    DemoMember("roskino-analyst", "roskino", Role.ANALYST, "Ольга Лебедева"),
    DemoMember("soyuzmultfilm-admin", "soyuzmultfilm", Role.ADMIN, "Сергей Миронов"),
    DemoMember("soyuzmultfilm-sales", "soyuzmultfilm", Role.SALES, "Мария Кузнецова"),
    DemoMember("soyuzmultfilm-producer", "soyuzmultfilm", Role.PRODUCER, "Андрей Белов"),
    DemoMember("cp-producer", "central-partnership", Role.PRODUCER, "Елена Соколова"),
    DemoMember("cfg-admin", "china-film-group", Role.ADMIN, "王建国"),
    DemoMember("cfg-sales", "china-film-group", Role.SALES, "陈丽华"),
    DemoMember("cfg-acquisitions", "china-film-group", Role.ACQUISITIONS, "李晓明"),
    DemoMember("cfg-analyst", "china-film-group", Role.ANALYST, "张雨欣"),
    DemoMember("vtv-acquisitions", "vtv", Role.ACQUISITIONS, "Nguyễn Thu Hà"),
    DemoMember("vtv-programmer", "vtv", Role.PROGRAMMER, "Trần Quốc Bảo"),
    DemoMember("vtv-viewer", "vtv", Role.VIEWER, "Lê Minh Châu"),
    DemoMember("okko-acquisitions", "okko", Role.ACQUISITIONS, "Дмитрий Зайцев"),
    DemoMember("okko-analyst", "okko", Role.ANALYST, "Наталья Егорова"),
    DemoMember("okko-viewer", "okko", Role.VIEWER, "Артём Никитин"),
    DemoMember("telefilm-admin", "telefilm-vietnam", Role.ADMIN, "Phạm Thanh Hương"),
    DemoMember("telefilm-programmer", "telefilm-vietnam", Role.PROGRAMMER, "Hoàng Đức Anh"),
    DemoMember("vna-viewer", "vna", Role.VIEWER, "Vũ Hoàng Nam"),
    DemoMember("festival-consultant", "telefilm-vietnam", Role.PROGRAMMER, "Анна Ковалёва"),
    DemoMember("festival-consultant", "baikal-crossroads", Role.PROGRAMMER, "Анна Ковалёва"),
    DemoMember("festival-consultant", "roskino", Role.VIEWER, "Анна Ковалёва"),
)
