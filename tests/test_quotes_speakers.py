"""Speaker rules: far pronouns, names qualifying roles, addressees, appositives, clause subjects, noun uses."""

from __future__ import annotations

import re

from searcher.quotes import extract_quotes
from searcher.quotes.attribution import strip_aux, verbs_in
from searcher.quotes.coref import PREPOSITION_BEFORE, after_preposition
from searcher.quotes.filters import RepeatedQuotes, same_quote_key


def pairs(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body)]


def speakers(body: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(body)]


def test_a_pronoun_whose_only_name_is_far_back_in_another_paragraph_and_never_quoted_is_left_unresolved():
    body = (
        "Maria Quell ran the county records office for a decade. She left in 2009. "
        "The office closed two years later. Its files went to the state archive.\n\n"
        "The archive now holds forty boxes of them. “We keep everything,” she said."
    )
    assert speakers(body) == [None]


def test_the_same_pronoun_resolves_when_the_name_was_quoted_before():
    body = (
        "“Records matter,” Maria Quell said in 2009. She left that year. "
        "The office closed two years later. Its files went to the state archive.\n\n"
        "The archive now holds forty boxes of them. “We keep everything,” she said."
    )
    assert speakers(body) == ["Maria Quell", "Maria Quell"]


def test_a_name_qualifying_a_role_is_not_the_antecedent_of_a_pronoun():
    body = (
        "Thomas Calloway returned to the capital on Monday. Calloway spokesman Peter Voss said the trip went well.\n\n"
        "“He is rested and ready,” he said."
    )
    assert speakers(body) == ["Peter Voss"]


def test_the_one_asked_is_not_the_speaker_of_the_question():
    assert speakers("Dana Whitcombe was asked by host Lena Ortiz, “Will you run again?”") == [
        "Lena Ortiz"
    ]
    assert speakers("On the radio, Dana Whitcombe was asked, “Will you run again?”") == [None]


def test_a_role_before_a_preposition_belongs_to_someone_else():
    body = (
        "A spokeswoman for Mr. Ferrell Dunmore declined to comment on Tuesday.\n\n"
        "“We have nothing to add,” the spokeswoman said."
    )
    assert speakers(body) == [None]


def test_who_speaks_for_someone_named_is_quoted_as_their_voice():
    assert speakers("“We will appeal,” said a spokeswoman for Gina Morrow.") == ["Gina Morrow"]


def test_a_party_affiliation_in_apposition_is_skipped():
    body = "Senator Alma Dreyer, Republican of Vermont, called the plan “a fantasy.”"
    assert speakers(body) == ["Alma Dreyer"]


def test_an_age_and_a_role_description_in_apposition_lead_back_to_the_name():
    assert speakers(
        "Ramon Tulley, 44, a Fresno truck driver, said the rally felt like “a homecoming.”"
    ) == ["Ramon Tulley"]
    assert speakers(
        "Nell Parrish, president and CEO of Harbor Guild Partners stated, “We are ready.”"
    ) == ["Nell Parrish"]


def test_a_name_after_a_description_in_apposition_is_what_the_description_ends_with():
    body = (
        "Ivo Brandt, the editor of the city paper, The Lantern, said the race was “a fair fight.”"
    )
    assert speakers(body) == ["Ivo Brandt"]


def test_intransitive_verbs_of_speech_take_the_name_after_them():
    assert speakers("“What a night!” beamed Lorna Vell of Tulsa, Oklahoma.") == ["Lorna Vell"]
    assert speakers("“Pure luck, nothing more,” scoffed Dwayne Ochs, 31, a welder.") == [
        "Dwayne Ochs"
    ]
    assert speakers("“Imagine that on one stage,” mused Lantern co-host Stu Karnes.") == [
        "Stu Karnes"
    ]


def test_a_partial_quote_goes_to_the_subject_of_its_own_clause():
    body = (
        "Governor Ada Fenn signed the order on Monday, while Mayor Colin Rusk called it “a stunt.”"
    )
    assert speakers(body) == ["Colin Rusk"]


def test_a_name_and_a_colon_opening_a_headline_speaks_for_the_rest():
    assert speakers("Colin Rusk: Fenn’s order is “a stunt” and will not stand") == ["Colin Rusk"]


def test_a_passive_participle_without_an_auxiliary_still_takes_its_agent():
    body = "The memo, first labeled “urgent” by the Harbor Guild, was released on Friday."
    assert speakers(body) == ["Harbor Guild"]


def test_a_passive_agent_ends_at_a_dash():
    body = "The audit - often labeled a “fishing trip” by Councillors - went on for two years, Pell Harmon wrote."
    assert speakers(body)[0] == "Councillors"


def test_a_title_borrowing_a_speaker_from_the_quote_before_is_left_out():
    body = "“We finished on time,” director Ola Brenn said. “The Long Night” opens on Friday."
    assert pairs(body) == [("We finished on time,", "Ola Brenn")]


def test_plural_nouns_spelled_like_verbs_of_speech_are_no_verbs():
    text = "his remarks were odd, and states can act; Varga's comments stood, but she states that"
    assert [v.group() for v in verbs_in(text, 0, len(text))] == ["states"]
    body = "Delia Marsh said on Tuesday in Albany, New York, that states can act because “the law is clear.”"
    assert speakers(body) == ["Delia Marsh"]


def test_after_preposition_agrees_with_the_regex_it_shortcuts():
    samples = [
        "a talk with the ",
        "said ",
        "in - ",
        "interviewed by Ledger host ",
        "(in ",
        "vs. ",
        "the group ",
        "asked ",
        "met with former ",
        "from THE ",
        "against which ",
        "x-in ",
        "over a long ",
        "un ",
        " ",
    ]
    for text in samples:
        assert after_preposition(text, 0, len(text)) == (
            PREPOSITION_BEFORE.search(text, 0, len(text)) is not None
        )


def test_strip_aux_fast_path_agrees_with_the_full_rule():
    # The full rule, as the regexes apply it, for phrases the fast path decides.
    aux = re.compile(r"(?:\s+(?:has|also|had|on\s+\w+day|in\s+\w+|yesterday))+\s*$", re.IGNORECASE)
    for phrase in [
        "Smith ",
        "Smith, ",
        "Smith has ",
        "Smith on Monday ",
        "Jo Smith in Iowa, ",
        "the mayor — ",
        "Smith also",
        'Smith yesterday "',
    ]:
        expected = phrase
        previous = None
        while previous != expected:
            previous = expected
            expected = re.sub(r"[\s,;:—–\-\"]+$", "", aux.sub("", expected))
        assert strip_aux(phrase) == expected


def test_repeated_quotes_match_equal_keys_only():
    quotes = [
        "We will build it, and we will build it fast.",
        "Nothing else matters to me today, nothing.",
        "“We will build it — and we will build it fast!”",
        "We will build it, and we will not build it fast.",
        "Short one.",
    ]
    found = RepeatedQuotes()
    seen: set[str] = set()
    for q in quotes:
        key = same_quote_key(q)
        expected = key is not None and key in seen
        if key is not None:
            seen.add(key)
        assert found.repeats(q) == expected


def test_a_crowd_chant_is_a_quote_with_no_one_speaker():
    body = "Outside the hall, about 300 marchers gathered, chanting “No deal, no vote!” until dusk."
    assert pairs(body) == [("No deal, no vote!", None)]


def test_a_quote_alone_in_single_marks_among_double_quotes_is_a_subheading():
    body = (
        "“We build everything here,” plant manager Lou Petrak said.\n\n"
        "'A good place to work.'\n\n"
        "The plant opened in 1971."
    )
    assert pairs(body) == [("We build everything here,", "Lou Petrak")]


def test_titles_of_works_with_an_author_are_left_out():
    body = (
        "The book, according to “The Harbor Years: A Family in Trade” by Mina Coll, began in 1990.\n\n"
        "“We never planned it,” said Dov Pell, the co-author of “Salt and Iron,” a history of the port.\n\n"
        "PORT NEWS—“Ferry service resumes on Monday,” by the Ledger's Ann Roe: “The ferries will run hourly.”"
    )
    assert [q.text for q in extract_quotes(body)] == [
        "We never planned it,",
        "The ferries will run hourly.",
    ]


def test_a_title_word_can_be_a_surname():
    body = "“We will hold the line,” Representative Peter T. Kling said. Representative Paul R. King agreed: “So will we.”"
    assert speakers(body) == ["Peter T. Kling", "Paul R. King"]


def test_a_headline_in_title_case_is_not_one_long_name():
    body = (
        "Omar Vell Just Said Something Surprising About Lena Dorr\n\n"
        "“I have known her for years,” Vell said."
    )
    assert speakers(body) == ["Omar Vell"]


def test_a_sentence_adverb_is_not_a_first_name():
    body = "Interestingly Brandt never ran again. Later, Brandt said the party was “finished.”"
    assert speakers(body) == ["Brandt"]


def test_a_plural_possessive_name_qualifies_the_role_after_it():
    body = "Tad Dorsey, Hollins' senior adviser, said the board was “dragging its feet” again."
    assert speakers(body) == ["Tad Dorsey"]


def test_a_verb_coordinated_after_a_partial_quote_belongs_to_the_sentence_subject():
    body = "Speaker Paul Danner lamented the “sorry” state of the harbour and criticized both councils."
    assert speakers(body) == ["Paul Danner"]


def test_a_clause_between_a_quote_and_its_source_is_skipped():
    body = "The grant will give the ferry crews the “breathing room” they want, spokesman Neil Soren said."
    assert speakers(body) == ["Neil Soren"]


def test_a_capitalised_particle_opening_a_name_stays_part_of_it():
    body = (
        "Al Brannock spoke first. “We are ready,” Brannock said. Later, “We won,” said Al Brannock."
    )
    assert speakers(body) == ["Al Brannock", "Al Brannock"]
    body = "Party leader Corinne Le Vasseur arrived late. “Everything but this,” Le Vasseur told reporters."
    assert speakers(body) == ["Corinne Le Vasseur"]


def test_a_dash_line_under_a_quote_paragraph_signs_the_quote():
    body = (
        "Councillor Brandt Ivers said the ferry plan was too costly.\n\n"
        "“We will build the bridge before the winter comes.”\n\n"
        "— Odile Fenn, in a letter to the harbour board.\n\n"
        "“Nobody has the money for it.”\n\n"
        "- Ivers.\n\n"
        "“The tide waits for no one.”\n\n"
        "– Harbour talks stall –.\n"
    )
    assert speakers(body)[:2] == ["Odile Fenn", "Brandt Ivers"]
    # A heading set off by dashes signs nothing: the quote above it keeps the speaker it had.
    assert speakers(body)[2] != "Harbour"


def test_a_name_after_a_bare_verb_is_its_object_and_the_clause_subject_speaks():
    # "to ... and call Osk": Osk is called something, he does not say it; the one prompted to speak does.
    body = 'Councillor Mara Vey spoke on Monday. That prompted Vey to make a joke and call Petr Osk "very flexible" at the rally.'
    assert pairs(body) == [("very flexible", "Mara Vey")]
    body = 'Ida Marsh and Oren Pell met. Marsh says she would sit Pell down and tell him "enough is enough" at the docks.'
    assert speakers(body) == ["Ida Marsh"]
    # Urged to act, not to speak: the subject still says it.
    body = 'Councillor Mara Vey spoke on Monday. Vey urged Petr Osk to adopt "a fair plan" at the rally.'
    assert speakers(body) == ["Mara Vey"]


def test_an_object_named_before_and_calls_her_leaves_the_subject_pronoun_as_speaker():
    body = 'Councillor Ida Marsh spoke to reporters. She says she respects Lena Pell and calls her "a fine mayor."'
    assert speakers(body) == ["Ida Marsh"]
    # A participle after a determiner describes the name and takes no object.
    body = 'Noel Vey spoke to reporters. Ida Marsh replied: "No." A flabbergasted Vey quipped, "It is like a harbor with no water."'
    assert speakers(body) == ["Ida Marsh", "Noel Vey"]


def test_called_the_program_something_is_an_evaluation_not_a_title():
    body = 'Councillor Mara Vey spoke on Monday. Vey called the levy program "worse than a fine." Others agreed.'
    assert pairs(body) == [("worse than a fine.", "Mara Vey")]
    body = 'Councillor Mara Vey spoke on Monday. Vey hosts a radio show called "Harbor Talk" on Mondays.'
    assert pairs(body) == []
