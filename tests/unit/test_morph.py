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


def test_pet_forms_of_first_names():
    assert morph.pet_name("светка") == "света"
    assert morph.pet_name("вовчик") == "вова"
    assert morph.pet_name("жанка") == "жанна"
    assert morph.pet_name("танюшка") == "таня"
    assert morph.pet_name("бабушка") is None and morph.pet_name("ложка") is None
    # unknown to the dictionary: a first name; known as a living being («маринка», a fish): only a weak one
    assert morph.word("оксанка").name == 1.0
    assert morph.word("маринка").name == morph.PET_SHARE
    assert morph.word("катка").name == 0.0


def test_a_man_s_pet_name_is_read_apart_from_the_lemmas():
    # «тимурка» is Тимур's pet form, but the village «Усманка» has the same shape (Усман): the lemmas the themes
    # read stay the dictionary's, and only the masking (which sets the villages aside first) asks man_pet_name
    assert morph.man_pet_name("тимурка") == "тимур"
    assert morph.man_pet_name("русланчик") == "руслан"
    assert morph.lemma("Усманка") == "усманка" and morph.lemma("тимурка") == "тимурка"
    assert morph.man_pet_name("ложка") is None
