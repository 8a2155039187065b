"""Settlements found in addresses and texts: inflections, abbreviations, misspellings."""

import pandas as pd
import pytest

from mcu_data.ingest.gazetteer import build_places, resolve
from mcu_data.store.seed import read_reference_csv

PLACES = build_places(read_reference_csv("gazetteer.csv"))


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        ("У нас в Петровке ямы", "36612436"),
        ("жители Нового Кутулука", "36612432"),
        ("Я живу в Новоборском", "36612428"),
        ("из Новоборского пишу", "36612428"),
        ("с. Борское, ул. Мира", "36612408"),
        ("в Гвардейцах нет воды", "36612412"),
        ("в Большом Алдаркино", "36612404"),
        ("пос. Лесном горит свет", "36612404"),
        ("п. Мойка", "36612420"),
        ("в Немчанке фонари", "36612408"),
        ("в Петровкe (латинская е)", "36612436"),
        ("в Долмотовке нет света", "36612416"),
        ("Самарская обл., Борский р-н, Таволжанка, ул. Садовая", "36612448"),
    ],
)
def test_settlement_found(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    "text",
    [
        "Борский район, нет воды",  # the district, not the settlement Борское
        "лесной пожар",  # «Лесной» needs «пос.»
        "мойка машин на трассе",
        "",
    ],
)
def test_no_false_settlement(text):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] is None


def test_confidence_falls_when_several_places_named_or_misspelt():
    res = resolve(pd.Series(["из Гвардейцев пишу про Борское", "в Петровке", "в Долмотовке"]), PLACES)
    assert list(res.oktmo) == ["36612412", "36612436", "36612416"]
    assert res.confidence.iloc[0] < res.confidence.iloc[1]
    assert res.confidence.iloc[2] < res.confidence.iloc[1]


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the misses of issue #14
        ("в с. Б. Алдаркино нет воды", "36612404"),
        ("в Н. Кутулуке опять без света", "36612432"),
        ("пишу из Алдаркино, дорогу размыло", "36612404"),
        ("В Мойке после половодья мусор", "36612420"),
        ("в мойке мусоровоз не был с нового года", "36612420"),
        ("в Лесном нет магазина", "36612404"),
        ("из лесного автобус не ходит", "36612404"),
        ("В посёлке Лесной закрыли библиотеку", "36612404"),
        ("в подгорном сломали турники", "36612440"),
        ("Ж-ца Алексеевки: нет ФАПа", "36612420"),  # a village of SP Заплавное
        ("#борское", "36612408"),
        ("в районном центре нет бани", "36612408"),
        ("Ж-ца райцентра жалуется на запах", "36612408"),
        ("Главе сельского поселения Коноваловка", "36612424"),
        ("Новоборский садик закрыли", "36612428"),
        ("Подгорный: нет связи и интернета", "36612440"),
        ("у поворота на Таволжанку нет разметки", "36612448"),
        ("в Долмотовке нет света", "36612416"),
    ],
)
def test_settlement_found_by_morphology_and_context(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    "text",
    [
        "Борская ЦРБ не принимает",  # district-level words
        "по всему Борскому району нет связи",
        "Главе муниципального района Борский",
        "ООО «Борское ЖКХ» не отвечает",
        "в Алексеевском районе дорогу сделали",  # the neighbouring district
        "дорогу до райцентра не чистят",
        "дороже, чем в райцентре",
        "как в Борском, хотим тренажёры",
        "ремонт был запланирован на май",  # a word, never a misspelt «Заплавное»
        "подсолнечное масло подорожало",
        "контейнеры на ул. Лесной переполнены",
        "жалоба на мойку машин у гаражей",
        "размыло берег Таволжанки",
        "на реке Кутулук всплыла рыба",  # a river, and пос. Кутулук of another district
        "гвардейцы пришли на парад",
    ],
)
def test_no_settlement_from_ordinary_words_rivers_and_the_district(text):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] is None


def test_every_village_found_by_a_colleague_is_in_the_gazetteer_with_its_settlement():
    from mcu_data.core.config import PROJECT_ROOT

    villages = pd.read_csv(PROJECT_ROOT / "tests" / "data" / "language" / "villages.csv", dtype=str)
    gazetteer = read_reference_csv("gazetteer.csv")
    rows = {(r.place_ru, r.settlement_oktmo) for r in gazetteer.itertuples()}
    for village in villages.itertuples():
        assert (village.place_ru, village.settlement_oktmo) in rows
    assert gazetteer["note"].fillna("").str.len().gt(0).all()  # every row says where its fact comes from


def test_a_district_centre_word_is_less_sure_than_a_name():
    res = resolve(pd.Series(["в райцентре нет бани", "в Борском нет бани"]), PLACES)
    assert res.confidence.iloc[0] < res.confidence.iloc[1]


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the second development set's misses (tests/data/language/dev2.csv), written out by hand
        ("В Большом Алдаркино муниципальный дом признан аварийным", "36612404"),
        ("пекарню открыла, борские покупатели довольны", "36612408"),
        ("Новокутулукские доярки остались без работы", "36612432"),
        ("в мойке света нет", "36612420"),
        ("Звонил староста с. Подсолнечное Никифоров В.А.", "36612444"),
        ("в районном центре нет аптеки", "36612408"),
    ],
)
def test_settlement_found_after_the_second_set(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    "text",
    [
        "возле мойки машин на трассе вода",
        "ООО «Агро-Подсолнечное» не платит",
        "цены выше, чем на ярмарке в районном центре",
        "«в районном центре так не отключают»",
        "в Петровский пост ходила в собес",
        "тренер Лесной Виктор Павлович говорит",
        "ждите. Серёга Лесной",
        "в Борском муниципальном районе",
        "Борская ЦРБ: к терапевту",
    ],
)
def test_no_false_settlement_after_the_second_set(text):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] is None


@pytest.mark.parametrize(
    "text",
    [
        # the third development set's comparisons (tests/data/language/dev3.csv)
        "хлеб только до обеда, не то что в Петровке",
        "в райцентре хоть баки новые поставили, а у нас ржавые",
        "в райцентре вон всё светится, а у нас темень",
    ],
)
def test_a_comparison_names_no_settlement(text):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] is None


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the fourth development set (tests/data/language/dev4.csv)
        ("на немчанке стая собак бегает", "36612408"),
        ("мы с лесного", "36612404"),
        ("Мост через Таволжанку закрыт на ремонт", None),
        ("на Таволжанке лёд тонкий", None),
    ],
)
def test_on_across_and_a_bare_letter(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the fifth development set (tests/data/language/dev5.csv), written out by hand
        ("у нас в старом борском опять траву жгут", "36612408"),
        ("в нашем Подгорном нет связи", "36612440"),
        ("верните маршрут по райцентру", "36612408"),
        ("пройдитесь по борским улицам вечером", "36612408"),
        ("на подгорной улице темно", None),
        # a preposition takes no form of the village: the church fast, a street
        ("за водой ходим на Петровки и на Крещение", None),
        ("пишет соседка с лесной", None),
        ("с Петровки приехали поздно", "36612436"),
        ("автобус в Гвардейцы не пришёл", "36612412"),
    ],
)
def test_cases_a_preposition_takes_and_a_word_before_the_name(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the sixth development set's shapes (tests/data/language/dev6.csv), in new words
        ("в райцентр ездим на автобусе, его отменили", None),
        ("в районный центр теперь не уехать", None),
        ("в райцентре на площади темно", "36612408"),
        ("возле магазина борский грязь", None),
        ("у нас ансамбль таволжанский выступал", None),
        ("Звонила Анна, Ст. Борское, ул. Мира", "36612408"),
    ],
)
def test_destinations_shop_names_and_abbreviated_parts(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the eighth development set's shapes (tests/data/language/dev8.csv), in new words
        ("Участковый Лесной В.П. на вызов не приехал", None),  # a surname beside initials
        ("ответил В.П. Лесной, что разберётся", None),
        ("пожарные из Борского добирались сорок минут", None),  # where help comes from
        ("молоко привозим из борского, своего магазина нет", None),
        ("за мойкой опять лужа, хозяин мойки не убирает", None),  # the owner's car wash
        ("в мойке второй день нет света", "36612420"),  # without an owner it is the village
        ("звонок из Борского: нет света на Ленина", "36612408"),  # a call from the village is the village
        ("скорая из Борского ехала час в пос. Лесной", "36612404"),
    ],
)
def test_initials_origins_and_an_owner(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the ninth development set's shapes (tests/data/language/dev9.csv), in new words
        ("#большоеалдаркино кто знает, когда дадут воду", "36612404"),  # a hashtag of a two-word name
        ("Подгорное, ул. Мира: нет света с утра", "36612440"),  # the settlement's own name as a heading
        ("Гвардейцы. Звонила жительница, просит грейдер", "36612412"),  # a heading closed by a dot
        ("в таволжанке рыбы в этом году совсем нет, кто-то травит", None),  # the river: fish
        ("ходили купаться в таволжанке, берег весь в мусоре", None),
        ("в таволжанке водонапорная башня течёт", "36612448"),  # the village
    ],
)
def test_hashtags_headings_and_the_river_s_words(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the tenth development set's shapes (tests/data/language/dev10.csv), in new words
        ("в н-кутулуке третий день нет воды", "36612432"),  # the first word shortened to a letter and a hyphen
        ("у нас в б-алдаркино фонари не горят", "36612404"),
        ("агро-подсолнечное опять поле не убрало", None),  # a compound word is a firm's name, not the village
        ("подсолнечное ул. садовая вся в ямах", "36612444"),  # the village's name right before its street
        ("подсолнечное масло в магазине просрочено", None),
        ("Гражданка, Коноваловский пер., д. 3, просит перерасчёт", None),  # an adjective of the name is a street
    ],
)
def test_shortened_names_and_streets_after_the_name(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # the eleventh and twelfth sets' shapes, in new words: a car wash named outright as «автомойка» makes the
        # text's plain lower-case «мойка» the same car wash
        ("возле автомойки лужа, с мойки грязь несёт на трассу", None),
        ("на автомойку очередь, а у мойки нет урны", None),
        ("в мойке второй день нет света, автобус не ходит", "36612420"),  # no car wash: the village
        ("в п. Мойка у автомойки лёд", "36612420"),  # the village written with its kind stays
    ],
)
def test_a_car_wash_named_outright(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


@pytest.mark.parametrize(
    ("text", "oktmo"),
    [
        # a route written as its two ends right after the vehicle starts where the writer is
        ("маршрутка мойка - борское опять не пришла, стоим на морозе", "36612420"),
        ("рейс лесной — Самара отменили без объявления", "36612404"),
        # a dash after the word with no place behind it, or no vehicle before it, is no route
        ("автобус лесной — дорога плохая, трясёт", None),
        ("купили подсолнечное — масло оказалось прогорклым", None),
    ],
)
def test_a_route_s_start_after_the_vehicle(text, oktmo):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] == oktmo


# the dev14 round: general rules, each on sentences written for it (no text of any set)
@pytest.mark.parametrize(
    "text",
    [
        # the district's centre set against the writer's own place by «почему / но у нас»
        "В райцентре на остановках давно есть навесы, почему у нас нет?",
        "в райцентре дороги почистили, но у нас сугробы",
    ],
)
def test_the_district_centre_against_our_place_names_no_settlement(text):
    assert resolve(pd.Series([text]), PLACES).oktmo.iloc[0] is None


def test_the_district_centre_still_locates_without_a_contrast():
    assert resolve(pd.Series(["в райцентре на площади темно, почему никто не чинит?"]), PLACES).oktmo.iloc[0] == (
        "36612408"
    )


def test_a_letter_s_home_line_gives_way_to_the_place_it_speaks_of():
    letter = "Главе района\nот [ФИО],\nпроживающего: с. Борское, [адрес]\n\nВ с. Петровка на ул. Садовой нет света."
    assert resolve(pd.Series([letter]), PLACES).oktmo.iloc[0] == "36612436"
    # and where the letter names no other place, the home is the place
    alone = "Главе района\nот [ФИО],\nпроживающего: с. Борское, [адрес]\n\nНа нашей улице нет света."
    assert resolve(pd.Series([alone]), PLACES).oktmo.iloc[0] == "36612408"
