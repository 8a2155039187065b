"""The note's sentences on hand-made figures: Russian agreement, cases of settlements, nothing to compare with."""

from datetime import date, datetime

from mcu_data.core.locale import in_settlement, of_settlement
from mcu_data.core.periods import Window, full_week
from mcu_data.reports import proposals, summary

WEEK = full_week(date(2026, 11, 16))


def facts(**changes) -> summary.Facts:
    base = dict(
        week=WEEK,
        as_of=datetime(2026, 11, 22, 23, 59),
        all_channels=True,
        total=21,
        previous_week=0,
        year_ago=21,
        themes=(summary.ThemeFact("roads", "Дорожная деятельность", 21, 0),),
        hottest=None,
        growth=(),
        judged=0,
        on_time=0,
        late=0,
        open_past_due=0,
        overdue_now=1,
        rating_window=Window(date(2026, 10, 26), date(2026, 11, 22)),
        min_appeals=5,
        recipients=(),
        pos_rated=0,
        pos_satisfied=0,
        pos_satisfaction_sum=0,
        satisfaction_target=0.6,
    )
    return summary.Facts(**(base | changes))


def test_twenty_one_appeals_and_nothing_the_week_before():
    assert summary.volume(facts()).text == (
        "За неделю 16.11–22.11.2026 поступило 21 обращение по всем каналам: неделей раньше обращений не было, и "
        "столько же, сколько за ту же неделю год назад (21)."
    )
    assert summary.volume(facts(total=3, previous_week=4, year_ago=2, all_channels=False)).text == (
        "За неделю 16.11–22.11.2026 поступило 3 обращения по выбранным каналам: на 25\u00a0% меньше, чем неделей "
        "раньше (4), и на 50\u00a0% больше, чем за ту же неделю год назад (2)."
    )


def test_one_theme_is_the_main_theme():
    assert summary.themes(facts()).text == "Главная тема недели: «Дорожная деятельность» — 21 (неделей раньше 0)."


def test_no_deadline_reached_yet_and_one_overdue():
    assert summary.deadlines(facts()).text == (
        "Срок ответа ни у одного обращения недели к 22.11.2026 23:59 ещё не наступил; всего на 22.11.2026 23:59 "
        "просрочено 1 обращение, поступивших за всё время."
    )


def test_growth_point_in_a_village_with_no_appeals_before():
    g = summary.GrowthFact("energy", "Энергетика", "36612412", "Гвардейцы", 12, 0.0, "Отключения", 11)
    text = summary.growth(facts(growth=(g,))).text
    assert text == (
        "Точек роста за неделю: 1. Главная — «Энергетика» в Гвардейцах: 12 обращений за неделю, а за 8 предыдущих "
        "недель — ни одного; больше всего выросла подтема «Отключения» (11)."
    )


def test_settlement_cases_from_the_hand_checked_table():
    assert in_settlement("36612404", "Большое Алдаркино") == "в Большом Алдаркине"
    assert in_settlement("36612432", "Новый Кутулук") == "в Новом Кутулуке"
    assert of_settlement("36612412", "Гвардейцы") == "Гвардейцев"
    assert in_settlement("99999999", "Новое") == "в поселении «Новое»"  # not in the table: the name unchanged
    assert of_settlement("99999999", "Новое") == "поселения «Новое»"


def test_ratings_below_target_say_so_with_their_n():
    text = summary.satisfaction(facts(pos_rated=4, pos_satisfied=1, pos_satisfaction_sum=10)).text
    assert text == (
        "Оценок ответов на обращения недели в ПОС: 4; из них 4–5 — 25,0\u00a0% (1 из 4) при цели не ниже 60\u00a0%, "
        "цель не достигнута; средняя оценка — 2,50 из 5."
    )


def test_falling_on_time_share_asks_for_an_explanation_and_rules_switch_off():
    late = summary.RecipientFact("sp_x", "Администрация сп Икс", 20, 10, 5, 10, 9, 12, 1, 3)
    f = facts(recipients=(late,))
    made = proposals.propose(f, {}, [], set())
    assert [(p.rule, p.text) for p in made] == [
        ("explain_late", "Запросить у «Администрация сп Икс» объяснение о нарушении сроков ответа.")
    ]
    assert made[0].reason == (
        "В срок 50,0\u00a0% (5 из 10) за 4 недели 26.10–22.11.2026 против 90,0\u00a0% (9 из 10) за 4 недели до того."
    )
    assert proposals.propose(f, {}, [], {"explain_late"}) == []
    # formal 1 of 3: too few answers to send back for rework, though the share is a third
    few = summary.RecipientFact("sp_y", "Администрация сп Игрек", 6, 3, 3, 0, 0, 3, 1, 0)
    assert proposals.propose(facts(recipients=(few,)), {}, [], set()) == []


def test_repeat_appeals_without_a_live_measure_ask_for_one():
    cells = [
        proposals.RepeatFact("roads", "Дорожная деятельность", "36612436", "Петровка", 4, covered=False),
        proposals.RepeatFact("waste", "Обращение с ТКО", "36612436", "Петровка", 6, covered=True),
    ]
    made = proposals.propose(facts(), {}, cells, set())
    assert [p.text for p in made] == ["Открыть мероприятие дорожной карты по теме «Дорожная деятельность» в Петровке."]
    assert made[0].reason.startswith("4 повторных обращения за 4 недели 26.10–22.11.2026;")
    assert made[0].cell == ("roads", "36612436")
