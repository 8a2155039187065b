"""A sample export of a resident survey, as a district office saves a form's results from Excel: Windows-1251 CSV
with semicolons, DD.MM.YYYY, one answer per row. Drawn from a random generator of its own, so that adding it moves
no draw, row or figure of the appeal exports.

Two waves of the district's satisfaction survey (spring and November of the last year); respondents per settlement
follow the population; the two hot spots of the appeal sample (Гвардейцы, Новоборское) answer worse on housing and
waste, and Заплавное, after its water-tower breakdown, worse on water.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from mcu_data.core.config import REFERENCE_DIR

SURVEY_SEED = 15_004  # of its own: the appeal exports draw from DEFAULT_SEED and DEFAULT_SEED + 1
FILE_NAME = "survey_results.csv"
HEADER = ["Номер анкеты", "Дата опроса", "Населённый пункт", "Группа респондентов", "Тема", "Вопрос", "Ответ"]
SURVEY_NAME = "Удовлетворённость жителей"
GROUPS = (("Работающие", 0.38), ("Пенсионеры", 0.3), ("Родители школьников", 0.17), ("Молодёжь до 30 лет", 0.1),
          ("Предприниматели", 0.05))  # fmt: skip
AGREE = ("Да", "Скорее да", "Скорее нет", "Нет", "Затрудняюсь ответить")
CHANGE = ("Улучшилось", "Не изменилось", "Ухудшилось", "Затрудняюсь ответить")
SCORES = ("5", "4", "3", "2", "1")
# (theme as the form names it, question, answers offered, base odds of each answer)
QUESTIONS = (
    ("ЖКХ", "Удовлетворены ли вы качеством коммунальных услуг (вода, отопление)?", AGREE, (0.22, 0.33, 0.2, 0.13, 0.12)),
    ("Дороги", "Удовлетворены ли вы содержанием дорог и уборкой снега в вашем населённом пункте?", AGREE,
     (0.15, 0.27, 0.26, 0.22, 0.1)),
    ("Обращение с ТКО", "Удовлетворены ли вы вывозом мусора?", AGREE, (0.26, 0.32, 0.18, 0.14, 0.1)),
    ("Водоснабжение", "Как за последний год изменилось качество водоснабжения?", CHANGE, (0.24, 0.46, 0.17, 0.13)),
    ("Работа администрации", "Оцените работу администрации вашего поселения по пятибалльной шкале", SCORES,
     (0.24, 0.32, 0.24, 0.12, 0.08)),
    ("", "Знаете ли вы, как сообщить о проблеме через Госуслуги «Решаем вместе»?", ("Да", "Нет"), (0.48, 0.52)),
)  # fmt: skip
YES_NO = ("Да", "Нет")
GOOD = {AGREE: (0, 1), CHANGE: (0,), SCORES: (0, 1), YES_NO: (0,)}
BAD = {AGREE: (2, 3), CHANGE: (2,), SCORES: (3, 4), YES_NO: (1,)}
OPEN_QUESTION = "Что в первую очередь нужно улучшить в вашем населённом пункте?"
OPEN_ANSWERS = (
    "Отремонтировать дорогу на улице Советской",
    "Уличное освещение, вечером темно",
    "Чаще вывозить мусор с площадки у магазина",
    "Нужна детская площадка",
    "Заменить старые трубы водопровода",
    "Сделать остановку с навесом",
    "Открыть аптечный пункт",
    "Почистить пруд и поставить скамейки",
    "Чтобы автобус ходил по расписанию",
    "Отремонтировать клуб",
    "Спилить сухие деревья у школы",
    "Позвоните мне, расскажу подробно: 8 927 614-22-09",
)
# answers worse than the district (a shift of the odds towards the negative end) where the appeals say so too
WORSE = {("36612412", "ЖКХ"): 0.25, ("36612428", "Обращение с ТКО"): 0.3, ("36612420", "Водоснабжение"): 0.35,
         ("36612412", "Работа администрации"): 0.15, ("36612428", "Работа администрации"): 0.15}  # fmt: skip


def _villages() -> pd.DataFrame:
    places = pd.read_csv(REFERENCE_DIR / "gazetteer.csv", dtype={"settlement_oktmo": str})
    places = places[places["place_kind"].isin(["село", "посёлок"])].copy()
    # as a form's free field gets it: «с. Петровка», «пос. Лесной»
    places["written"] = places["place_kind"].map({"село": "с. ", "посёлок": "пос. "}) + places["place_ru"]
    return places


def _odds(base: tuple[float, ...], answers: tuple[str, ...], worse: float) -> np.ndarray:
    """The base odds with a share `worse` of the positive answers' weight moved to the negative ones."""
    p = np.array(base, dtype=float)
    good, bad = GOOD[answers], BAD[answers]
    if worse:
        moved = p[list(good)] * worse
        p[list(good)] -= moved
        p[list(bad)] += moved.sum() / len(bad)
    return p / p.sum()


def build(end: date, seed: int = SURVEY_SEED) -> pd.DataFrame:
    """The survey's rows: a spring wave and a November wave that ends a week before the sample's last day."""
    rng = np.random.default_rng(seed)
    settlements = pd.read_csv(REFERENCE_DIR / "settlements.csv", dtype={"oktmo": str})
    villages = _villages()
    waves = ((date(end.year, 4, 6), 19, 0.018), (end - timedelta(days=25), 18, 0.026))
    rows = []
    number = 1
    for first_day, days, rate in waves:
        for s in settlements.itertuples():
            own = villages[villages["settlement_oktmo"] == s.oktmo]
            names = list(own["written"]) or [s.name_ru]
            weights = np.where(own["is_admin_centre"].astype(str).str.lower() == "true", 3.0, 1.0) if len(own) else [1]
            weights = np.asarray(weights, dtype=float) / np.sum(weights)
            for _ in range(max(6, int(rng.poisson(s.population_2021 * rate)))):
                day = first_day + timedelta(days=int(rng.integers(0, days)))
                # now and then a respondent names only the district, which places the answer nowhere
                place = "Борский район" if rng.random() < 0.01 else str(rng.choice(names, p=weights))
                group = str(rng.choice([g for g, _ in GROUPS], p=[w for _, w in GROUPS]))
                anketa = f"А-{day.year % 100:02d}-{number:04d}"
                number += 1
                for theme, question, answers, base in QUESTIONS:
                    if rng.random() < 0.04:  # a respondent skips a question now and then
                        continue
                    p = _odds(base, answers, WORSE.get((s.oktmo, theme), 0.0))
                    answer = str(rng.choice(answers, p=p))
                    rows.append([anketa, day.strftime("%d.%m.%Y"), place, group, theme, question, answer])
                if rng.random() < 0.35:
                    answer = str(rng.choice(OPEN_ANSWERS))
                    rows.append([anketa, day.strftime("%d.%m.%Y"), place, group, "", OPEN_QUESTION, answer])
    return pd.DataFrame(rows, columns=HEADER)


def write(out_dir: Path, end: date, seed: int = SURVEY_SEED) -> int:
    """Write the survey export; returns its number of answers."""
    frame = build(end, seed)
    with open(out_dir / FILE_NAME, "w", encoding="cp1251", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        w.writerow(HEADER)
        w.writerows(frame.itertuples(index=False))
    return len(frame)
