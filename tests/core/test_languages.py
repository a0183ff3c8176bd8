"""Wanted languages resolve by territory with CLDR likely subtags; versions get their script."""

import pytest

from cinebridge.core.languages import tags_meeting, version_tag, wanted_tag, wanted_tags
from cinebridge.engines.avails import version_meets


@pytest.mark.parametrize(
    ("tag", "territory", "resolved"),
    [
        ("zh", "CN", "zh-Hans"),
        ("zh", "TW", "zh-Hant"),
        ("zh", "HK", "zh-Hant"),
        ("zh", "SG", "zh-Hans"),
        ("sr", "RS", "sr-Cyrl"),
        ("sr", "ME", "sr-Latn"),
        ("zh-Hant", "CN", "zh-Hant"),  # a script asked for is kept
        ("zh-TW", "CN", "zh-Hant-TW"),  # a region asked for decides
        ("zh", None, "zh"),  # no territory: any script
    ],
)
def test_a_wanted_language_resolves_for_the_territory(tag, territory, resolved):
    assert wanted_tag(tag, territory) == resolved


def test_versions_get_their_likely_script():
    assert version_tag("zh-CN") == "zh-Hans-CN"
    assert version_tag("zh-TW") == "zh-Hant-TW"
    assert version_tag("zh") == "zh-Hans"
    assert version_tag("zh-Hant") == "zh-Hant"
    assert version_tag("sr") == "sr-Cyrl"
    assert version_tag("vi-VN") == "vi-VN"  # one script wherever it is written
    assert wanted_tag("vi", "VN") == "vi" and wanted_tag("en", "US") == "en"


def test_zh_for_china_is_met_by_simplified_only():
    def met(territory, version, wanted="zh"):
        return version_meets(wanted_tag(wanted, territory), version_tag(version))

    assert not met("CN", "zh-Hant")
    assert met("CN", "zh-Hans") and met("CN", "zh-CN") and met("CN", "zh")
    assert met("TW", "zh-Hant") and met("TW", "zh-TW") and not met("TW", "zh-CN")
    assert met("RS", "sr", "sr") and met("RS", "sr-Cyrl", "sr")
    assert not met("RS", "sr-Latn", "sr") and met("ME", "sr-Latn", "sr")
    assert wanted_tags("zh", ["CN", "TW", "HK"]) == ["zh-Hans", "zh-Hant"]
    assert tags_meeting("zh-Hant", ["zh-TW", "zh-CN", "zh-Hant", "zh", "en"]) == [
        "zh-TW",
        "zh-Hant",
    ]
    assert tags_meeting("zh", ["zh-TW", "zh-CN", "zhx", "en"]) == ["zh-TW", "zh-CN"]
