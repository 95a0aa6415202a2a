"""Attribution rules for French, Spanish and German sentences, and speech nouns and "it said" in English."""

from __future__ import annotations

from searcher.quotes import extract_quotes


def speaker_of(body: str, starts_with: str, lang: str | None = None) -> str | None:
    found = [q for q in extract_quotes(body, lang) if q.text.startswith(starts_with)]
    assert found, f"no quote starting with {starts_with!r} in {extract_quotes(body, lang)!r}"
    return found[0].speaker


def test_french_verb_joined_to_its_pronoun_goes_to_the_person_in_focus():
    body = (
        "La boulangère Mireille Tassin a rouvert sa boutique lundi, après trois mois de travaux.\n\n"
        "« Les clients sont revenus dès la première heure », confie-t-elle."
    )
    assert speaker_of(body, "Les clients sont revenus", "fr") == "Mireille Tassin"


def test_french_description_after_the_verb_resolves_like_a_pronoun():
    body = (
        "Le relevé a été dirigé par la géologue Ingrid Halvorsen, de l’Observatoire de Brèves.\n\n"
        "« Nous avons d’abord cru à une erreur de mesure », raconte la chercheuse."
    )
    assert speaker_of(body, "Nous avons d’abord cru", "fr") == "Ingrid Halvorsen"


def test_spanish_segun_with_a_description_goes_to_the_person_in_focus():
    body = (
        "El entrenador Baltasar Ocaña llegó al estadio antes que nadie. Ocaña sonrió ante las cámaras. "
        "Según el entrenador, la temporada «será larga y difícil»."
    )
    assert speaker_of(body, "será larga", "es") == "Baltasar Ocaña"


def test_german_pronoun_after_the_verb_is_the_subject_not_a_sentence_initial_noun():
    body = (
        "Der Imker Konrad Wiesholz hat in diesem Jahr zwei Völker verloren.\n\n"
        "Mut habe er trotzdem, sagt er. „Im Frühjahr fange ich wieder an“, betont er."
    )
    assert speaker_of(body, "Im Frühjahr", "de") == "Konrad Wiesholz"


def test_german_nouns_after_an_article_are_not_speakers_and_an_age_is_a_description():
    body = (
        "Hildegard Ostermeyer hat zwölf Apfelbäume im Garten. "
        "Ein Eingreifen der Behörden lehnt sie ab.\n\n"
        "„Die Bäume waren vor mir da“, sagt die 74-Jährige."
    )
    assert speaker_of(body, "Die Bäume waren", "de") == "Hildegard Ostermeyer"


def test_a_possessive_speech_noun_names_the_source():
    body = (
        "Councilwoman Petra Lindqvist drew applause on Tuesday. The crowd applauded her remark that "
        '"a bridge nobody can afford to cross is a wall" and stayed for an hour.'
    )
    assert speaker_of(body, "a bridge nobody") == "Petra Lindqvist"


def test_it_said_goes_to_the_organisation_opening_the_sentence_before():
    body = (
        "The Harwick Water Board published its annual report on Monday. "
        'It said the reservoirs were "in better shape than at any time this decade."'
    )
    assert speaker_of(body, "in better shape") == "Harwick Water Board"
