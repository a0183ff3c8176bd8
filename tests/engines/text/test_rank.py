"""rank: filtering by query_matches and the order of tiers."""

from cinebridge.engines.text import (
    Candidate,
    Hit,
    expand_with_typos,
    parse_query,
    rank,
)

NU_POGODI = Candidate(7, ("Ну, погоди!", "Well, Just You Wait!", "Nu, pogodi!"))
CHANG_AN = Candidate(8, ("长安三万里", "Chang An"))
HEDGEHOG = Candidate(9, ("Ёжик в тумане", "Hedgehog in the Fog"))


def tiers(query: str, candidates: list[Candidate]) -> list[tuple[int, int]]:
    return [(hit.key, hit.tier) for hit in rank(parse_query(query), candidates)]


def test_an_exact_title_ranks_first() -> None:
    candidates = [
        Candidate(1, ("Mirage in Mira",), boost=9.0),
        Candidate(2, ("Miracle",), boost=5.0),
        Candidate(3, ("Mira",)),
        Candidate(4, ("Emirates",)),
        Candidate(5, ("Solaris",)),
    ]
    hits = rank(parse_query("Mira"), candidates)
    assert hits == [
        Hit(key=3, tier=0, typos=0, matched_name="Mira"),
        Hit(key=1, tier=2, typos=0, matched_name="Mirage in Mira"),
        Hit(key=2, tier=2, typos=0, matched_name="Miracle"),
        Hit(key=4, tier=4, typos=0, matched_name="Emirates"),
    ]


def test_tier_0_exact_name_in_any_script_or_case() -> None:
    assert tiers("НУ, ПОГОДИ", [NU_POGODI]) == [(7, 0)]
    assert tiers("well, just you wait", [NU_POGODI]) == [(7, 0)]
    assert tiers("長安三萬里", [CHANG_AN]) == [(8, 0)]


def test_tier_1_exact_romanised_name() -> None:
    assert tiers("Chang'an San Wan Li", [CHANG_AN]) == [(8, 1)]
    assert tiers("changansanwanli", [CHANG_AN]) == [(8, 1)]
    assert tiers("Iozhik v tumane", [HEDGEHOG]) == [(9, 5)]  # skeleton only: see below
    hit = rank(parse_query("Ezhik v tumane"), [HEDGEHOG])[0]
    assert hit.matched_name == "Ёжик в тумане"


def test_tier_2_a_name_starts_with_the_query() -> None:
    assert tiers("ну пог", [NU_POGODI]) == [(7, 2)]
    assert tiers("yozhik v tum", [HEDGEHOG]) == [(9, 6)]  # skeleton prefix
    assert tiers("hedgehog in", [HEDGEHOG]) == [(9, 2)]
    assert tiers("长安", [Candidate(8, ("长安三万里",))]) == [(8, 2)]
    assert tiers("长安", [CHANG_AN]) == [(8, 1)]  # its alias "Chang An" is exact in pinyin


def test_tier_3_every_term_is_a_whole_word_of_one_name() -> None:
    assert tiers("fog hedgehog", [HEDGEHOG]) == [(9, 3)]
    assert tiers("tumane", [HEDGEHOG]) == [(9, 3)]
    hit = rank(parse_query("wait you"), [NU_POGODI])[0]
    assert (hit.tier, hit.matched_name) == (3, "Well, Just You Wait!")


def test_tier_4_substrings_or_words_spread_over_names() -> None:
    assert tiers("edgeho", [HEDGEHOG]) == [(9, 4)]
    assert tiers("pogodi wait", [NU_POGODI]) == [(7, 4)]
    assert tiers("万里", [CHANG_AN]) == [(8, 4)]


def test_tier_9_typo_with_its_distance() -> None:
    query = parse_query("pogdi")
    assert rank(query, [NU_POGODI]) == []
    expanded = expand_with_typos(query, {"pogdi": ["pogodi", "pogoda", "zzzz"]})
    assert rank(expanded, [NU_POGODI, HEDGEHOG]) == [
        Hit(key=7, tier=9, typos=1, matched_name="Ну, погоди!")
    ]


def test_typos_add_up_over_terms_and_fewer_typos_rank_first() -> None:
    query = expand_with_typos(
        parse_query("hedgehok tumnae"),
        {"hedgehok": ["hedgehog"], "tumnae": ["tumane"]},
    )
    other = Candidate(10, ("Hedgehok tumane",))
    hits = rank(query, [HEDGEHOG, other])
    assert [(hit.key, hit.tier, hit.typos) for hit in hits] == [(10, 9, 1), (9, 9, 2)]


def test_a_term_matching_exactly_needs_no_typo_even_when_expanded() -> None:
    query = expand_with_typos(parse_query("pogodi"), {"pogodi": ["pogoda"]})
    assert tiers("pogodi", [NU_POGODI]) == [(7, 3)]
    assert [(hit.tier, hit.typos) for hit in rank(query, [NU_POGODI])] == [(3, 0)]


def test_boost_then_key_break_ties() -> None:
    candidates = [
        Candidate(3, ("Mira",), boost=1.0),
        Candidate(1, ("Mira",), boost=1.0),
        Candidate(2, ("Mira",), boost=2.0),
    ]
    assert [hit.key for hit in rank(parse_query("mira"), candidates)] == [2, 1, 3]


def test_unmatched_candidates_are_dropped() -> None:
    assert rank(parse_query("solaris"), [NU_POGODI, CHANG_AN, HEDGEHOG]) == []


def test_an_empty_query_returns_every_candidate_by_popularity() -> None:
    candidates = [Candidate(1, ("A",)), Candidate(2, ("B",), boost=3.0), Candidate(3, ())]
    assert rank(parse_query(""), candidates) == [
        Hit(key=2, tier=4, typos=0, matched_name="B"),
        Hit(key=1, tier=4, typos=0, matched_name="A"),
        Hit(key=3, tier=4, typos=0, matched_name=""),
    ]


def test_rank_accepts_any_iterable_and_is_deterministic() -> None:
    candidates = [NU_POGODI, CHANG_AN, HEDGEHOG]
    query = parse_query("an")
    assert rank(query, iter(candidates)) == rank(query, list(reversed(candidates)))


def test_a_skeleton_only_match_never_ties_with_a_romanised_one() -> None:
    # The skeleton of "jin" is "in": a popular documentary whose title merely contains the
    # word "in" used to tie with 金 (pinyin "jin"), the title the query names, and win on
    # popularity.
    named = Candidate(1, ("金",))
    documentary = Candidate(2, ("In",), boost=9.0)
    cooking = Candidate(3, ("Cooking in Harbin",), boost=9.0)
    golden_heart = Candidate(4, ("金色的心",))
    hits = rank(parse_query("jin"), [named, documentary, cooking, golden_heart])
    assert [hit.key for hit in hits] == [1, 4, 2, 3]
    tier = {hit.key: hit.tier for hit in hits}
    assert tier[1] == 1 and tier[4] == 2  # romanised exact, romanised prefix
    assert tier[2] > 4 and tier[3] > 4  # skeleton only, below every literal tier


def test_a_literal_word_outranks_a_skeleton_prefix() -> None:
    hits = rank(parse_query("in"), [Candidate(4, ("金色的心",), boost=9.0), HEDGEHOG])
    # "in" is a word of Hedgehog in the Fog, and only a substring of 金色的心's pinyin
    assert [(hit.key, hit.tier) for hit in hits] == [(9, 3), (4, 4)]


def test_the_phrase_reading_ranks_before_another_reading() -> None:
    named = Candidate(8, ("长安三万里",))
    assert tiers("chang an san wan li", [named]) == [(8, 1)]
    assert tiers("zhang an san wan li", [named]) == [(8, 2)]
    assert tiers("zhang an", [named]) == [(8, 2)]
    # 长津湖 is missing from the phrase dictionary: "zhang" first, "chang" as people say it
    assert tiers("chang jin hu", [Candidate(1, ("长津湖",))]) == [(1, 2)]
