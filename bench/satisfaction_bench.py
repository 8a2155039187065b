"""«Удовлетворённость» at region scale: the server's cost of the page's view over synthetic appeals and survey answers.

Run: python -m bench.satisfaction_bench [--rows 1000000] [--answers 60000] [--rounds 5]
The browser's time of the page is measured with the other pages by bench.pages_bench.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.synthetic import AS_OF, END, PERIODS, build_store, rounds_as, synthetic_appeals
from mcu_data import access
from mcu_data.analytics import satisfaction as sat
from mcu_data.app.source import Source
from mcu_data.app.views import satisfaction as view
from mcu_data.store import Store

ANSWERS = {"Да": "positive", "Скорее да": "positive", "Нет": "negative", "Затрудняюсь ответить": "neutral",
           "Освещение": "other"}  # fmt: skip


def add_surveys(store: Store, n: int, seed: int = 3) -> None:
    """n survey answers over two years, spread over the settlements, questions, groups and three themes."""
    rng = np.random.default_rng(seed)
    settlements = store.query("select oktmo from settlement")["oktmo"].to_numpy()
    answers = rng.choice(list(ANSWERS), n)
    frame = pd.DataFrame(
        {
            "row_key": [f"b{i}" for i in range(n)],
            "answered_on": pd.Timestamp(END) - pd.to_timedelta(rng.integers(0, 730, n), unit="D"),
            "question": rng.choice([f"Вопрос {i}" for i in range(12)], n),
            "answer": answers,
            "polarity": [ANSWERS[a] for a in answers],
            "respondent_group": rng.choice(["Пенсионеры", "Работающие", "Молодёжь до 30 лет"], n),
            "settlement_oktmo": rng.choice(settlements, n),
            "theme_code": rng.choice(["housing", "roads", "waste"], n),
        }
    )
    with store.transaction() as tx:
        tx.register("bench_answers", frame)
        tx.execute(
            "insert into survey_answer (batch_id, row_key, answered_on, question, answer, polarity, respondent_group, "
            "settlement_oktmo, theme_code) select 1, row_key, answered_on, question, answer, polarity, "
            "respondent_group, settlement_oktmo, theme_code from bench_answers"
        )
        tx.unregister("bench_answers")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="mcu_satisfaction_"))
    try:
        t0 = time.perf_counter()
        store = build_store(workdir / "s.duckdb", synthetic_appeals(args.rows))
        add_surveys(store, args.answers)
        print(f"Обращений: {args.rows:,}, ответов опросов: {args.answers:,}".replace(",", " ")
              + f"; хранилище собрано за {time.perf_counter() - t0:.0f} с")  # fmt: skip
        src = Source(store)
        user = access.User("bench", "Замер", "curator")
        print(f"{'что':<46}{'медиана, с':>12}{'наибольшее, с':>15}")
        for name, filters in PERIODS.items():
            cases = {
                f"оценки ПОС по получателям и итог, {name}": lambda f=filters: sat.pos_figures(
                    store, f, AS_OF, 8, ("recipient",)
                ),
                f"опросы, {name}": lambda f=filters: sat.survey_answers(store, f),
                f"вся страница (представление), {name}": lambda f=filters: view.build(src, f, user, AS_OF),
            }
            for what, run in cases.items():
                median, longest, _ = rounds_as(user, run, args.rounds)
                print(f"{what:<46}{median:>12.3f}{longest:>15.3f}")
        store.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
