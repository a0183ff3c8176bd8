"""Property tests never depend on the machine's speed: the profile the suite loads says so."""

from hypothesis import HealthCheck, settings


def test_the_loaded_profile_has_no_deadline():
    assert settings.default.deadline is None


def test_the_loaded_profile_tolerates_slow_data_generation():
    assert HealthCheck.too_slow in settings.default.suppress_health_check


def test_a_test_level_settings_object_inherits_no_deadline():
    # @settings(max_examples=...) on a test must not bring back the 200 ms default
    assert settings(max_examples=5).deadline is None


def test_ci_replays_the_same_examples():
    assert settings.get_profile("ci").derandomize is True
    assert settings.get_profile("ci").deadline is None
