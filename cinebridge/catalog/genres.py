"""The platform's fixed genre list with names in the UI languages (en, ru, vi, zh-hans)."""

from __future__ import annotations

GENRES: dict[str, dict[str, str]] = {
    "action": {"en": "Action", "ru": "Боевик", "vi": "Hành động", "zh-hans": "动作"},
    "adventure": {"en": "Adventure", "ru": "Приключения", "vi": "Phiêu lưu", "zh-hans": "冒险"},
    "animation": {"en": "Animation", "ru": "Мультфильм", "vi": "Hoạt hình", "zh-hans": "动画"},
    "biography": {"en": "Biography", "ru": "Биография", "vi": "Tiểu sử", "zh-hans": "传记"},
    "children": {"en": "Children", "ru": "Детский", "vi": "Thiếu nhi", "zh-hans": "儿童"},
    "comedy": {"en": "Comedy", "ru": "Комедия", "vi": "Hài", "zh-hans": "喜剧"},
    "crime": {"en": "Crime", "ru": "Криминал", "vi": "Hình sự", "zh-hans": "犯罪"},
    "documentary": {"en": "Documentary", "ru": "Документальный", "vi": "Tài liệu", "zh-hans": "纪录片"},
    "drama": {"en": "Drama", "ru": "Драма", "vi": "Chính kịch", "zh-hans": "剧情"},
    "family": {"en": "Family", "ru": "Семейный", "vi": "Gia đình", "zh-hans": "家庭"},
    "fantasy": {"en": "Fantasy", "ru": "Фэнтези", "vi": "Kỳ ảo", "zh-hans": "奇幻"},
    "history": {"en": "History", "ru": "История", "vi": "Lịch sử", "zh-hans": "历史"},
    "horror": {"en": "Horror", "ru": "Ужасы", "vi": "Kinh dị", "zh-hans": "恐怖"},
    "music": {"en": "Music", "ru": "Музыка", "vi": "Âm nhạc", "zh-hans": "音乐"},
    "musical": {"en": "Musical", "ru": "Мюзикл", "vi": "Nhạc kịch", "zh-hans": "歌舞"},
    "mystery": {"en": "Mystery", "ru": "Детектив", "vi": "Bí ẩn", "zh-hans": "悬疑"},
    "news": {"en": "News", "ru": "Новости", "vi": "Tin tức", "zh-hans": "新闻"},
    "period": {"en": "Period drama", "ru": "Историческая драма", "vi": "Cổ trang", "zh-hans": "古装"},
    "romance": {"en": "Romance", "ru": "Мелодрама", "vi": "Lãng mạn", "zh-hans": "爱情"},
    "science-fiction": {"en": "Science fiction", "ru": "Фантастика", "vi": "Khoa học viễn tưởng", "zh-hans": "科幻"},
    "sport": {"en": "Sport", "ru": "Спорт", "vi": "Thể thao", "zh-hans": "体育"},
    "thriller": {"en": "Thriller", "ru": "Триллер", "vi": "Giật gân", "zh-hans": "惊悚"},
    "war": {"en": "War", "ru": "Военный", "vi": "Chiến tranh", "zh-hans": "战争"},
    "western": {"en": "Western", "ru": "Вестерн", "vi": "Cao bồi", "zh-hans": "西部"},
}  # fmt: skip
