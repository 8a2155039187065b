"""Recipients' answers for the sample ПОС export: substantive ones and probable formal ones («отписки»).

Drawn from a generator of their own (ANSWER_SEED), so that adding the column moves no other value of the sample.
A formal-looking answer is likelier where the sample's outcome is formal, but it happens to any outcome, as real
answers marked «Решено» can be отписки.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

ANSWER_SEED = 15_002
WITH_TEXT = 0.9  # of the answered messages, the share whose answer the export carries
# the chance that an answer reads as an отписка, by the sample's outcome; a recipient the sample makes write
# formal answers (generate.FORMAL_SHARE) writes them under other outcomes too, by FORMAL_ELSEWHERE × its share
FORMAL_CHANCE = {"formal": 0.85, "redirected": 0.45}
OTHER_FORMAL_CHANCE = 0.02
FORMAL_ELSEWHERE = 0.4

SALUTATIONS = (
    "Уважаемый заявитель!",
    "Добрый день!",
    "Уважаемая Анна Сергеевна!",
    "Уважаемый Виктор Петрович!",
    "Уважаемая Мария Ивановна!",
    "",
)
EXECUTORS = (
    "бригадой МУП «Благоустройство»",
    "подрядчиком ООО «Дорсервис»",
    "бригадой администрации поселения",
    "подрядчиком ИП Кузнецов",
)
SOLVED = (
    "По Вашему сообщению на ул. {street} работы выполнены {done} {executor}, фото выполненных работ приложено.",
    "Выезд на место состоялся {done}: на ул. {street} неисправность устранена {executor}. Акт выполненных работ "
    "№ {number} от {done}.",
    "На ул. {street} проведены работы {done}: {executor} устранил(а) нарушение. Фотоотчёт размещён в ответе.",
)
EXPLAINED = (
    "Сообщаем, что на ул. {street} работы включены в план на {quarter} квартал 2027 года; исполнитель — "
    "{executor_nominative}. До этого участок осмотрен {done}, опасных мест не найдено, установлен знак.",
    "Разъясняем: обследование на ул. {street} проведено {done} (акт № {number}). Работы выполнит "
    "{executor_nominative} до {due}; по вопросам — отдел ЖКХ администрации района, каб. 12, тел. 2-12-34.",
)
REFUSED = (
    "В выполнении работ на ул. {street} отказано, так как участок не находится в собственности поселения. "
    "Обратитесь в ГКУ «Управление автомобильных дорог Самарской области», тел. 8 (846) 200-00-00; Ваше "
    "сообщение переслано туда {done} (исх. № {number}).",
)
FORMAL = (
    "Ваше обращение рассмотрено. Вопрос находится на постоянном контроле администрации.",
    "Работы на ул. {street} будут выполнены в ближайшее время.",
    "Информация принята к сведению. Обращение направлено ответственным лицам для принятия мер.",
    "В соответствии с Федеральным законом от 06.10.2003 № 131-ФЗ вопросы благоустройства относятся к "
    "полномочиям поселения. Согласно постановлению администрации № 112 работы выполняются по мере финансирования.",
    "Проверка проведена. Нарушений не выявлено.",
    "Администрация разделяет Вашу обеспокоенность. Работа в этом направлении ведётся, вопрос будет рассмотрен "
    "в установленном порядке.",
)
# the street the message names: an answer about another street is itself a formal reply
STREET_NAMED = re.compile(r"\b(?:ул\.|улиц[аеуы])\s*([А-ЯЁ][а-яё]+)")
EXECUTOR_NOMINATIVE = ("МУП «Благоустройство»", "ООО «Дорсервис»", "администрация поселения", "ИП Кузнецов")


def answer_texts(rows: pd.DataFrame, formal_share: dict[str, float]) -> list[str]:
    """One answer cell per ПОС row in order: empty where there is no answer (or the export left it out)."""
    rng = np.random.default_rng(ANSWER_SEED)
    out = []
    for r in rows.itertuples():
        # every row draws the same number of values, answered or not, so a row's text depends on its place only
        keep, formal_u, pick, salute, executor, number, quarter = (
            rng.random(),
            rng.random(),
            rng.integers(0, 1_000),
            rng.integers(0, len(SALUTATIONS)),
            rng.integers(0, len(EXECUTORS)),
            rng.integers(100, 999),
            rng.integers(1, 5),
        )
        if pd.isna(r.first_answer_at) or keep >= WITH_TEXT:
            out.append("")
            continue
        outcome = r.outcome if isinstance(r.outcome, str) else "explained"
        chance = FORMAL_CHANCE.get(outcome, OTHER_FORMAL_CHANCE + FORMAL_ELSEWHERE * formal_share.get(r.recipient, 0))
        if formal_u < chance:
            templates = FORMAL
        else:
            templates = {"solved": SOLVED, "refused": REFUSED, "redirected": REFUSED}.get(outcome, EXPLAINED)
        answered = r.first_answer_at
        named = STREET_NAMED.search(r.text or "")
        body = templates[pick % len(templates)].format(
            street=named.group(1) if named else r.street,
            done=(answered - pd.Timedelta(days=1)).strftime("%d.%m.%Y"),
            due=(answered + pd.Timedelta(days=20)).strftime("%d.%m.%Y"),
            executor=EXECUTORS[executor],
            executor_nominative=EXECUTOR_NOMINATIVE[executor],
            number=number,
            quarter=quarter,
        )
        out.append(" ".join(part for part in (SALUTATIONS[salute], body) if part))
    return out
