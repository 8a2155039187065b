"""Morphology: lemmas cached per word, look-alike Latin letters, the case forms of place names."""

from mcu_data.ingest import morph


def test_lemmas_of_inflected_words():
    assert morph.lemmas("В детском саду нет горячей воды") == ["в", "детский", "сад", "нет", "горячий", "вода"]


def test_a_word_is_analysed_once():
    first = morph.word("Котельной")
    assert morph.word("Котельной") is first


def test_latin_look_alikes_are_read_as_cyrillic_only_in_mixed_words():
    assert morph.fold("Петровкe") == "петровке"  # the last letter is Latin
    assert morph.fold("Wi-Fi") == "wi-fi"


def test_case_forms_of_place_names():
    assert {"петровке", "петровки", "петровку", "петровкой"} <= morph.word_forms("Петровка")
    assert {"гвардейцах", "гвардейцев"} <= morph.word_forms("Гвардейцы")
    assert "борском" in morph.word_forms("Борское") and "борская" not in morph.word_forms("Борское")


def test_name_grammemes():
    assert morph.word("Гордееву").surname > 0.5
    assert morph.word("Полину").name > 0.5
    assert morph.word("Андреевна").patronymic > 0.5
    assert morph.word("Администрации").name == 0.0


def test_an_abbreviation_with_a_case_ending_is_the_abbreviation():
    assert morph.lemmas("в ФАПе и у ФАПа") == ["в", "фап", "и", "у", "фап"]
