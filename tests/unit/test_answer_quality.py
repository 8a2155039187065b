"""The answer-quality check on hand-written pairs: each case states the verdict and the grounds it must give."""

import pytest

from mcu_data.core import locale
from mcu_data.signals import answers, evaluation
from mcu_data.signals.answers import check

NO_ANSWER = "no_answer_to_question"
NO_DATE = "promise_without_date"
LEGAL = "mostly_legal_references"
NO_EVIDENCE = "no_evidence"
CONTRADICTION = "contradiction"


@pytest.mark.parametrize(
    ("question", "answer", "reasons"),
    [
        pytest.param(
            "У д. 8 на ул. Заречной в Усманке неделю не горит фонарь.",
            "Фонарь у д. 8 на ул. Заречной заменён 03.11.2026 электриком МУП «Благоустройство», фото приложено.",
            (),
            id="done-with-date-executor-photo",
        ),
        pytest.param(
            "Прошу убрать упавшее дерево с тротуара на ул. Школьной в Коноваловке.",
            "Дерево распилено и вывезено 12.11.2026 бригадой администрации поселения.",
            (),
            id="short-but-dated",
        ),
        pytest.param(
            "Прошу отремонтировать трассу Борское — Богатое, сплошные ямы.",
            "Трасса Борское — Богатое — дорога регионального значения, администрация района ремонтировать её не "
            "вправе. Ваше обращение 05.11.2026 переслано в ГКУ «Управление автомобильных дорог Самарской области» "
            "(исх. № 2210), ответ придёт Вам оттуда.",
            (),
            id="refusal-with-named-addressee",
        ),
        pytest.param(
            "Почему мне отказали в субсидии на оплату ЖКУ?",
            "В субсидии отказано, так как доход семьи выше порога. Если доход изменится, подайте заявление "
            "повторно: МФЦ в Борском, ул. Советская, 25.",
            (),
            id="motivated-refusal-with-what-to-do",
        ),
        pytest.param(
            "Прошу разъяснить, почему не выплатили пособие на ребёнка за октябрь.",
            "Согласно постановлению Правительства РФ № 2330 пособие назначается на 12 месяцев; Ваше назначение "
            "закончилось 30.09.2026. Новое заявление принято 14.10.2026, выплата за октябрь поступит до 25.11.2026.",
            (),
            id="law-applied-to-the-case",
        ),
        pytest.param(
            "Соседи жгут мусор во дворе на ул. Мира, 3 в Заплавном, дым в окна.",
            "Участковый выходил 09.11.2026, соседу выдано предостережение № 17. О результатах сообщим дополнительно.",
            (),
            id="a-promise-to-tell-is-no-undated-promise",
        ),
        pytest.param(
            "Когда заменят окна в детском саду «Солнышко» в Петровке?",
            "Окна в детском саду «Солнышко» заменят в июле 2027 г. по контракту, заключённому 20.10.2026.",
            (),
            id="month-with-year-is-a-date",
        ),
        pytest.param(
            "Как записаться к окулисту в ЦРБ, в регистратуре не отвечают?",
            "Окулист ЦРБ принимает по четвергам с 9:00, запись по тел. 2-15-40 или через Госуслуги.",
            (),
            id="schedule-is-a-date",
        ),
        pytest.param(
            "Почему перенесли остановку на ул. Новой в Коноваловке?",
            "Остановку перенесли на 150 м к магазину, так как на прежнем месте автобус тормозил на повороте.",
            (),
            id="done-and-explained",
        ),
        pytest.param(
            "Прошу провести проверку работы аптеки в Борском, лекарств по льготе нет месяц.",
            "Ваше обращение рассмотрено. Ответ будет направлен дополнительно.",
            (NO_ANSWER,),
            id="answer-promised-later",
        ),
        pytest.param(
            "У остановки на ул. Победы в Заплавном разбито стекло павильона.",
            "Информация принята к сведению.",
            (NO_ANSWER,),
            id="taken-into-account",
        ),
        pytest.param(
            "Во дворе дома 6 по ул. Юбилейной затопило подвал, стоит запах.",
            "Ваше обращение направлено ответственным лицам для принятия мер.",
            (NO_ANSWER, NO_EVIDENCE),
            id="sent-on-to-someone-unnamed",
        ),
        pytest.param(
            "Прошу выделить место в детском саду в Петровке для сына.",
            "Ваше обращение зарегистрировано за № 1543 от 02.11.2026 и находится на рассмотрении.",
            (NO_ANSWER,),
            id="registration-instead-of-answer",
        ),
        pytest.param(
            "В Подсолнечном третий день нет интернета в школе, дети не могут сдать задания.",
            "Уважаемый Иван Петрович! Благодарим Вас за обращение. Вопрос обеспечения школ связью находится на "
            "постоянном контроле администрации.",
            (NO_ANSWER, NO_EVIDENCE),
            id="courtesy-and-control",
        ),
        pytest.param(
            "На ул. Садовой в Борском у д. 14 открытый колодец, ребёнок чуть не упал.",
            "Люк на ул. Рабочей закрыт 10.11.2026, фото приложено.",
            (NO_ANSWER,),
            id="dated-but-another-street",
        ),
        pytest.param(
            "На ул. Полевой в Петровке второй день нет воды.",
            "Водоснабжение будет восстановлено в ближайшее время.",
            (NO_DATE,),
            id="soon",
        ),
        pytest.param(
            "Прошу заасфальтировать ул. Береговую в Гвардейцах, весной не проехать.",
            "Ремонт ул. Береговой планируется в 2027 году.",
            (NO_DATE,),
            id="bare-year",
        ),
        pytest.param(
            "Детская площадка в Таволжанке разрушена, качели сломаны.",
            "Замена оборудования детской площадки будет произведена по мере финансирования.",
            (NO_DATE,),
            id="as-funds-allow",
        ),
        pytest.param(
            "Когда откроют после ремонта клуб в Усманке?",
            "Клуб откроется после выделения средств на завершение ремонта.",
            (NO_DATE,),
            id="condition-instead-of-date",
        ),
        pytest.param(
            "Прошу установить лежачего полицейского у школы в Новом Кутулуке.",
            "Искусственная неровность у школы будет установлена в течение месяца.",
            (NO_DATE,),
            id="within-a-month-from-nothing",
        ),
        pytest.param(
            "Когда заменят окна в детском саду «Солнышко» в Петровке?",
            "Окна в детском саду «Солнышко» заменят в июле.",
            (NO_DATE,),
            id="month-without-year",
        ),
        pytest.param(
            "Прошу убрать свалку за гаражами в Новоборском.",
            "В соответствии с Федеральным законом от 24.06.1998 № 89-ФЗ «Об отходах производства и потребления» и "
            "Правилами благоустройства сельского поселения ликвидация несанкционированных свалок возлагается на "
            "собственника земельного участка.",
            (LEGAL,),
            id="laws-instead-of-answer",
        ),
        pytest.param(
            "На ул. Кооперативной в Подгорном три фонаря не горят.",
            "Фонари отремонтированы.",
            (NO_EVIDENCE,),
            id="done-with-nothing-to-check",
        ),
        pytest.param(
            "Автобус на Богатое опять не пришёл утром, ждали час на морозе.",
            "Рейсы выполняются по расписанию, жалоб на перевозчика не поступало.",
            (NO_EVIDENCE, CONTRADICTION),
            id="denial-of-the-resident",
        ),
        pytest.param(
            "В доме 4 по ул. Рабочей в Борском батареи еле тёплые.",
            "Температура теплоносителя в норме, протокол замеров от 11.11.2026 приложен.",
            (),
            id="denial-with-measurement",
        ),
        pytest.param("Прошу покосить траву у памятника в Заплавном.", "", (NO_ANSWER,), id="empty"),
    ],
)
def test_verdict(question, answer, reasons):
    verdict = check(question, answer)
    assert verdict.reasons == reasons
    assert verdict.formal == bool(reasons)
    assert 0.0 <= verdict.score <= 1.0
    assert (verdict.score >= answers.FIRES_AT) == verdict.formal


def test_the_same_question_with_a_formal_and_a_substantive_answer_ranks_them():
    question = "На ул. Луговой в Гвардейцах у д. 9 яма на дороге, прошу заделать."
    formal = check(question, "Ямочный ремонт будет выполнен в летний период.")
    done = check(question, "Яма у д. 9 на ул. Луговой заделана асфальтом 06.11.2026, фото во вложении.")
    assert formal.formal and not done.formal
    assert formal.score > done.score


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Яма на ул. Мира, 12 заделана. Фото приложено.", ["Яма на ул. Мира, 12 заделана.", "Фото приложено."]),
        (
            "Соцработник Петрова Е. В. приходит по вторникам. Договор подписан.",
            ["Соцработник Петрова Е. В. приходит по вторникам.", "Договор подписан."],
        ),
        ("Письмо направлено (исх. № 5). Ответ придёт.", ["Письмо направлено (исх. № 5).", "Ответ придёт."]),
    ],
)
def test_sentences_do_not_break_after_abbreviations_and_initials(text, sentences):
    assert answers.split_sentences(text) == sentences


def test_every_reason_has_one_russian_label():
    labels = locale.LABELS["answer_reason"]
    assert tuple(labels) == answers.REASONS
    assert len(set(labels.values())) == len(labels)
    assert all(label and label not in answers.REASONS for label in labels.values())


# measured on the dev split after tuning: every verdict right, the reasons as below. The floors sit a little under:
# a change that costs more than about one verdict, or more than one reason of a kind, fails here
DEV_FLOORS = {"precision": 0.96, "recall": 0.96, "accuracy": 0.97}
DEV_REASON_FLOORS = {  # (precision, recall); measured 1,00/1,00; 1,00/0,91; 1,00/1,00; 0,80/0,73; 1,00/1,00
    NO_ANSWER: (0.92, 0.92),
    NO_DATE: (0.9, 0.8),
    LEGAL: (0.8, 0.8),
    NO_EVIDENCE: (0.7, 0.63),
    CONTRADICTION: (0.75, 0.75),
}


def test_the_dev_split_holds_its_measured_figures():
    figures = evaluation.evaluate_answers(evaluation.load_answers("dev"))
    assert figures.rows == 54
    for name, floor in DEV_FLOORS.items():
        assert getattr(figures, name) >= floor, name
    for code, (precision, recall) in DEV_REASON_FLOORS.items():
        row = figures.per_reason.loc[code]
        assert row["precision"] >= precision and row["recall"] >= recall, (code, row.to_dict())
    assert figures.true_positive + figures.false_negative == 27  # the labels the README counts


def test_the_report_is_in_russian_with_every_reason(capsys):
    assert evaluation.main(["--set", "answers", "--split", "dev"]) == 0
    out = capsys.readouterr().out
    assert "точность (precision)" in out and "полнота (recall)" in out and "Доля верных решений" in out
    for code in answers.REASONS:
        assert f"{locale.label('answer_reason', code)}" in out and f"({code}): n " in out


def test_the_test_split_never_shows_its_mistakes(capsys):
    assert evaluation.main(["--set", "answers", "--split", "test", "--show-mistakes"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Часть test только измеряется" in captured.err


# -- what officers' decisions teach ------------------------------------------------------------------------------------
LAMPS = "На ул. Советской в Петровке не горят фонари вторую неделю."
HOTLINE = "Горячая линия администрации работает по тел. 2-12-34."


def test_a_confirmed_stock_line_no_longer_passes_for_evidence():
    answer = f"Фонари на ул. Советской заменены. {HOTLINE}"
    assert check(LAMPS, answer).formal is False  # the phone number reads as something one can check
    taught = answers.Taught(boilerplate=frozenset({answers.sentence_key(HOTLINE)}))
    assert check(LAMPS, answer, taught).reasons == (NO_ANSWER, NO_EVIDENCE)


def test_a_rejected_sentence_grounds_nothing_any_more():
    answer = "Ремонт дороги на ул. Садовой будет выполнен в ближайшее время."
    question = "Когда отремонтируют дорогу на ул. Садовой в Петровке?"
    assert check(question, answer).reasons == (NO_DATE,)
    taught = answers.Taught(substantive=frozenset({answers.sentence_key(answer)}))
    assert check(question, answer, taught).formal is False
    # only that sentence: the same promise in other words is still a promise without a date
    assert check(question, "Дорогу на ул. Садовой отремонтируют в ближайшее время.", taught).reasons == (NO_DATE,)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Вопрос находится на контроле.", "вопрос находится на контроле"),
        ("  Вопрос   НАХОДИТСЯ на контроле!  ", "вопрос находится на контроле"),
        ("Ответ будет дан в течение дня…", "ответ будет дан в течение дня"),
        ("Всё учтено.", "все учтено"),
    ],
)
def test_sentences_are_taught_folded(text, key):
    assert answers.sentence_key(text) == key


@pytest.mark.parametrize("teacher", ["dev", "test"])
def test_decisions_taught_on_either_split_do_not_worsen_dev(teacher):
    # every flag of the teaching split decided by its label, as an officer would; the dev split then checked
    taught = evaluation.simulated_teaching(evaluation.load_answers(teacher))
    assert taught  # there were flags to decide
    before = evaluation.evaluate_answers(evaluation.load_answers("dev"))
    after = evaluation.evaluate_answers(evaluation.load_answers("dev"), taught)
    assert after.accuracy >= before.accuracy
    assert (after.true_positive, after.false_positive) == (before.true_positive, before.false_positive)
