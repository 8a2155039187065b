"""Conflict signals in residents' texts: hand-written texts with hand-written tags, the store and Python reading the
patterns alike, and the development figures held to floors just under what was measured."""

from __future__ import annotations

import pytest

from mcu_data.signals import conflicts, evaluation
from mcu_data.store import Store

# (text, the tags a reader gives it by the rules of tests/data/signals/README.md); written for this test,
# not taken from the evaluation set
CASES = [
    # escalation, and the words that only look like it
    ("Если к понедельнику не починят котёл в школе, обращусь в прокуратуру.", ("escalation",)),
    ("Подам иск в суд на управляющую компанию за залитую квартиру.", ("escalation",)),
    ("Напишу губернатору, раз район не может отремонтировать мост.", ("escalation",)),
    ("Дозвонюсь на прямую линию, пусть там узнают про нашу дорогу.", ("escalation",)),
    ("Расскажу журналистам из областной газеты, как у нас вывозят мусор.", ("escalation",)),
    ("Судя по графику, автобус в Усманку отменили. Это надолго?", ()),
    ("По президентской программе отремонтировали дорогу в Петровке, спасибо. Когда сделают тротуар?", ()),
    ("Губернатор открывал ФАП в Усманке, а теперь там нет фельдшера. Когда будет?", ()),
    ("Дочь уехала в Москву, я одна. Кто поможет с дровами?", ()),
    ("Народный фронт приезжал к нам в прошлом году, помогли с дорогой.", ()),
    ("По решению суда соседи должны убрать забор, но не убирают. Куда обратиться?", ()),
    ("Буду жаловаться выше, если не сделаете.", ()),
    # deleted, blocked, ignored
    ("Мой отзыв про автолавку удалили с сайта поселения.", ("ignored_or_deleted",)),
    ("Меня заблокировали в группе поселения за вопрос про дорогу.", ("ignored_or_deleted",)),
    ("Комментарии под постом про воду закрыты.", ("ignored_or_deleted",)),
    ("Срок ответа прошёл, а ответа нет.", ("ignored_or_deleted",)),
    ("Звоню в МФЦ третий день — никто не отвечает.", ("ignored_or_deleted",)),
    ("Дорогу на Коноваловку заблокировали сугробы, автобус не прошёл.", ()),
    ("Прошу повторно направить копию ответа на обращение № 1234, первый экземпляр потерялся.", ()),
    # collective
    ("Мы, собственники квартир дома № 7, требуем провести ремонт крыши.", ("collective",)),
    ("От имени 40 семей улицы Полевой просим провести освещение.", ("collective",)),
    ("По решению схода граждан просим установить остановку.", ("collective",)),
    ("Мы с мужем и детьми живём на Мира, у нас нет воды третий день.", ()),
    ("Соседи тоже жалуются: на Садовой не горят фонари.", ()),
    # a sharp tone
    ("Клоуны, а не администрация! Когда уберёте снег?", ("sharp_tone",)),
    ("Если не уберёте свалку, привезём весь мусор к крыльцу администрации!", ("sharp_tone",)),
    ("Перекрою трассу, раз вы не хотите ремонтировать мост.", ("sharp_tone",)),
    ("СКОЛЬКО МОЖНО ЖДАТЬ ВОДУ В ДОЛМАТОВКЕ", ("sharp_tone",)),
    ("На двери ФАП висит табличка «ЗАКРЫТО ДО ОСОБОГО РАСПОРЯЖЕНИЯ». Когда откроют?", ()),
    ("ГБУЗ СО ЦРБ не принимает по записи, подскажите телефон.", ()),
    ("Верните свет! Третий час без электричества на Садовой.", ()),
    # a repeat after a formal answer or a «решено» that is not so
    (
        "Обращаюсь повторно: на прошлое письмо ответили «вопрос на контроле», а яма на Мира так и осталась.",
        ("repeat_after_formal",),
    ),
    ("Вы закрыли заявку как «решено», но фонарь на Почтовой до сих пор не горит.", ("repeat_after_formal",)),
    ("Мне ответили, что контейнер заменён, но контейнер не заменён, всё тот же сломанный.", ()),
    ("В сентябре яму на Мира заделали, спасибо. После дождей она появилась снова, прошу посмотреть.", ()),
    ("Обращаемся уже не первый раз! Нет воды в кранах.", ()),
    # several at once
    (
        "Пишу в пятый раз, получаю «принято к сведению». Мы, жители Школьной, соберём подписи и пойдём в прокуратуру!",
        ("repeat_after_formal", "escalation", "collective"),
    ),
    # the writer says the recipient's answers contradict each other, and the words that only look like it
    ("Вы то пишете, что мост закрыт на ремонт, то что ремонт не нужен. Кому верить?", ("contradiction",)),
    ("Сначала «контейнеры заменены», потом «замена запланирована». Какой ответ правда?", ("contradiction",)),
    ("Ваши ответы противоречат друг другу: дорога или отсыпана, или нет.", ("contradiction",)),
    ("То дождь, то снег, дорогу до Заплавного развезло. Когда отсыплют?", ()),
    ("Сначала отключили свет, потом воду. Что происходит на подстанции?", ()),
    ("Ответили, что фонарь заменят до пятницы, и заменили. Спасибо.", ()),
]


@pytest.mark.parametrize(("text", "tags"), CASES, ids=[c[0][:40] for c in CASES])
def test_hand_written_texts_get_their_tags(text: str, tags: tuple[str, ...]):
    assert conflicts.text_signals(text) == tags


def test_the_store_reads_the_patterns_as_python_does():
    """The page reads what the store computed with RE2; the evaluation reads Python's `re`: they must agree."""
    texts = [t for t, _ in CASES] + list(evaluation.load_conflicts("dev")["text"])
    store = Store(":memory:")
    flags, params = conflicts._sql_flags()
    p = conflicts.patterns()
    frame = store.query(
        f"""
        select {flags}
        from (
            select t as text, null::varchar as address, replace(lower(t), 'ё', 'е') as low,
                   regexp_replace(regexp_replace(t, ?, ' ', 'g'), ?, ' ', 'g') as bare, i
            from (select unnest(?::varchar[]) as t, generate_subscripts(?::varchar[], 1) as i)
        )
        order by i
        """,
        [*params, p.quoted, p.abbreviations, texts, texts],
    )
    columns = ["t_repeat", "t_escalation", "t_ignored", "t_collective", "t_sharp", "t_contradiction"]
    in_store = [
        tuple(code for code, c in zip(conflicts.SIGNALS, columns, strict=True) if row[c]) for _, row in frame.iterrows()
    ]
    assert in_store == [conflicts.text_signals(t) for t in texts]


def test_evidence_quotes_the_whole_words_that_gave_the_signal():
    text = "Повторно сообщаю: ответили, что «кадровый вопрос прорабатывается». Обращусь в прокуратуру!"
    assert conflicts.evidence(text, "repeat_after_formal") == "прорабатывается"
    assert conflicts.evidence(text, "escalation") == "в прокуратуру"


def test_every_tag_of_the_set_is_looked_for():
    assert "contradiction" in conflicts.SIGNALS
    tags = {tag for split in ("dev", "test") for tags in evaluation.load_conflicts(split)["signals"] for tag in tags}
    assert tags <= set(conflicts.SIGNALS)


# the development split's figures as measured on 02.12.2026 (every signal 100 % precision and recall on 37 texts;
# «contradiction», added later the same day: 4 of 4),
# held a little lower so that a change that loses one text in a signal fails here
DEV_FLOOR = {
    "repeat_after_formal": (0.88, 0.87),
    "escalation": (0.85, 0.83),
    "ignored_or_deleted": (0.88, 0.87),
    "collective": (0.88, 0.87),
    "sharp_tone": (0.85, 0.83),
    "contradiction": (0.8, 0.74),
}


def test_development_figures_hold():
    figures = evaluation.evaluate_conflicts(evaluation.load_conflicts("dev"))
    for code, (precision, recall) in DEV_FLOOR.items():
        row = figures.per_signal.loc[code]
        assert row["precision"] >= precision, code
        assert row["recall"] >= recall, code
    assert figures.precision >= 0.95 and figures.recall >= 0.95
    assert figures.false_on_clean == 0


def test_test_split_prints_no_mistakes(capsys):
    assert evaluation.main(["--set", "conflicts", "--split", "test", "--show-mistakes"]) == 2
    assert "только измеряется" in capsys.readouterr().err
