"""The one rule on text every input path applies: no C0 control character, no lone surrogate."""

from __future__ import annotations

import pytest

from cinebridge.core.text import TextError, payload_problems, text_problem


@pytest.mark.parametrize(
    "text", ["Ну, погоди!", "兔子，等着瞧", "Tab\there", "two\nlines", "😀", ""]
)
def test_ordinary_text_passes(text):
    assert text_problem(text) is None


@pytest.mark.parametrize(
    ("text", "code", "character", "position"),
    [
        ("A\x00B", TextError.CONTROL_CHARACTER, "U+0000", 2),
        ("\x01", TextError.CONTROL_CHARACTER, "U+0001", 1),
        ("ok\x0b", TextError.CONTROL_CHARACTER, "U+000B", 3),
        ("ok\x1f", TextError.CONTROL_CHARACTER, "U+001F", 3),
        ("line\r\nline", TextError.CONTROL_CHARACTER, "U+000D", 5),
        ("half \ud800 pair", TextError.LONE_SURROGATE, "U+D800", 6),
        ("\udfff", TextError.LONE_SURROGATE, "U+DFFF", 1),
    ],
)
def test_control_characters_and_lone_surrogates_are_named_with_their_position(
    text, code, character, position
):
    problem = text_problem(text)
    assert (problem.code, problem.character, problem.position) == (code, character, position)
    assert character in problem.message and str(position) in problem.message


def test_a_carriage_return_is_allowed_where_a_line_break_is():
    assert text_problem("line\r\nline", multiline=True) is None
    assert text_problem("line\x00", multiline=True).code == TextError.CONTROL_CHARACTER


def test_payload_problems_name_the_path_of_every_bad_string():
    payload = {
        "original_title": "A\x00",
        "credits": [{"name": "ok"}, {"name": "\ud800"}],
        "bad\x01key": 1,
        "synopses": [{"text": "one\r\ntwo"}],
        "year": 1969,
    }
    found = {path: problem.code for path, problem in payload_problems(payload)}
    assert found == {
        "original_title": TextError.CONTROL_CHARACTER,
        "credits[2].name": TextError.LONE_SURROGATE,
        "bad\\x01key": TextError.CONTROL_CHARACTER,
    }
