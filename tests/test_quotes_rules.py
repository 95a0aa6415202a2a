"""Attribution rules added for harder sentences: titles with "of", asides, agents, reported speech."""

from __future__ import annotations

from searcher.quotes import extract_quotes


def speaker_of(body: str, starts_with: str) -> str | None:
    found = [q for q in extract_quotes(body) if q.text.startswith(starts_with)]
    assert found, f"no quote starting with {starts_with!r} in {extract_quotes(body)!r}"
    return found[0].speaker


def test_according_to_right_after_the_quote_names_the_source():
    body = (
        'Interior Minister Hallvard Brekke said he met his Danish counterpart "to discuss joint patrols '
        'along the coast," according to a Harbor Ministry readout.'
    )
    assert speaker_of(body, "to discuss joint patrols") == "Harbor Ministry"


def test_a_title_with_of_does_not_hide_the_person_from_a_later_pronoun():
    body = (
        "Corin Vale, a port official, said the berths were full.\n\n"
        "Secretary of State Miriam Okafor said the talks would go on. "
        '"We are closer than we were a week ago," she told reporters.'
    )
    assert speaker_of(body, "We are closer") == "Miriam Okafor"


def test_a_participle_clause_takes_the_subject_not_the_object_of_a_preposition():
    body = (
        "Mayor Dana Reyes wrote a letter to Governor Paul Ostrander asking the transit agency "
        'to look into the "complete mess" at the depot.'
    )
    assert speaker_of(body, "complete mess") == "Dana Reyes"


def test_an_unlisted_verb_after_a_short_subject_still_attributes():
    body = (
        "Inga Halvorsen lost the vote by nine ballots.\n\n"
        '"Nobody here asked for a recount," an irritated Halvorsen bristled.'
    )
    assert speaker_of(body, "Nobody here asked") == "Inga Halvorsen"


def test_a_sentence_opening_with_adding_goes_on_with_the_speaker():
    body = (
        '"It was a long night," ferry captain Ole Lund said after docking. '
        'Adding, "We did what we could with one engine."'
    )
    assert speaker_of(body, "We did what we could") == "Ole Lund"


def test_the_agent_of_a_sent_out_message_is_its_source():
    body = (
        "A newsletter sent out by Tomas Rell on Monday warned that "
        '"the repair fund is nearly empty."'
    )
    assert speaker_of(body, "the repair fund") == "Tomas Rell"


def test_a_name_then_an_appositive_then_said_is_the_subject_not_the_object():
    body = (
        "In an interview, Gail Pruitt, a former harbour manager, said Olsen "
        '"was deeply involved in every decision" about the dredging.'
    )
    assert speaker_of(body, "was deeply involved") == "Gail Pruitt"


def test_a_party_and_state_aside_is_skipped():
    body = 'Sen. Orla Brandt, D-Vt., told reporters that the early counts were "way off."'
    assert speaker_of(body, "way off") == "Orla Brandt"


def test_to_which_does_not_make_the_speaker_an_object():
    body = (
        "Councillor Rhea Moss said the budget was balanced, to which Ivo Karsten interjected: "
        '"That is simply not true."'
    )
    assert speaker_of(body, "That is simply not true") == "Ivo Karsten"


def test_a_programme_title_after_on_is_not_a_quote():
    body = (
        'Councillor Rhea Moss said on "Morning Harbour," that the ferry would run until midnight.'
    )
    assert [q.text for q in extract_quotes(body)] == []


def test_a_partial_quote_after_a_speaker_sentence_goes_on_with_that_speaker():
    body = (
        "Professor Lena Marsh has studied the delta for decades. "
        "Rivers change course slowly, she said. Good data wins only when "
        '"the facts are simpler than the myth."'
    )
    assert speaker_of(body, "the facts are simpler") == "Lena Marsh"


def test_the_candidate_campaign_speaks_for_the_candidate():
    body = (
        "Miriam Okafor toured the mill towns on Friday.\n\n"
        'The Okafor campaign projects that "turnout will double in the valley."'
    )
    assert speaker_of(body, "turnout will double") == "Miriam Okafor"


def test_a_relative_that_is_no_role_word_of_a_person():
    body = (
        "Bruno Lessard said the union trusts that Miriam Okafor will win. He said on Tuesday that "
        'he wants a platform that calls for "a living wage for every harbour worker."'
    )
    assert speaker_of(body, "a living wage") != "Miriam Okafor"


def test_a_surname_that_is_a_common_word_is_still_a_name():
    body = 'Hollis Early, a county chairman, was at the count.\n\n"It will be close all night," Early said.'
    assert speaker_of(body, "It will be close") == "Hollis Early"


def test_a_capitalised_role_noun_before_a_name_is_not_part_of_it():
    body = 'Ecologist Hanneke Brouwer was less hopeful. "The bottleneck is collection," she said.'
    assert speaker_of(body, "The bottleneck") == "Hanneke Brouwer"


def test_german_role_nouns_and_a_pronoun_after_the_verb():
    body = (
        "Die Ökologin Liesel Kranich blieb skeptisch.\n\n"
        "„Das Problem ist nicht die Technik“, sagte sie."
    )
    assert speaker_of(body, "Das Problem") == "Liesel Kranich"


def test_german_day_after_the_speaker_is_not_the_speaker():
    body = (
        "Die Beauftragte Ottilie Brenner leitete das Verfahren ein.\n\n"
        "„Wir prüfen jeden Vertrag“, sagte Brenner am Dienstag."
    )
    assert speaker_of(body, "Wir prüfen") == "Ottilie Brenner"


def test_french_inversion_with_the_pronoun_joined_to_the_verb():
    body = (
        "La commissaire Mireille Castagne a reçu la presse mardi.\n\n"
        "« Nous examinerons chaque contrat », a-t-elle affirmé."
    )
    assert speaker_of(body, "Nous examinerons") == "Mireille Castagne"


def test_spanish_verb_without_a_subject_goes_on_with_the_person_in_focus():
    body = (
        "El jefe de bomberos, Anselmo Quirós, elogió a sus equipos.\n\n"
        "«Han trabajado hasta el límite», contó."
    )
    assert speaker_of(body, "Han trabajado") == "Anselmo Quirós"


def test_spanish_inverted_verb_with_a_description_then_the_name_in_apposition():
    body = (
        "El puerto sigue cerrado. «Cada día la fruta pierde valor», advirtió el presidente de la "
        "cooperativa, Eliseo Barrancos."
    )
    assert speaker_of(body, "Cada día") == "Eliseo Barrancos"


def test_what_x_called_makes_x_the_speaker():
    body = (
        "Port Ellery bid for the regatta hoping to shed what Gideon Marsh called "
        '"a reputation for fog and nothing else."'
    )
    assert speaker_of(body, "a reputation for fog") == "Gideon Marsh"
