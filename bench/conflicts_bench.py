"""«Конфликтные ситуации» at region scale: the server's cost of the page's query and view over synthetic appeals.

Run: python -m bench.conflicts_bench [--rows 1000000] [--rounds 5]
The synthetic appeals get texts that give the signals work: a third name one of twenty streets, and some of those
say they are repeats, threaten the prosecutor, speak for a whole street or complain of a deleted comment; ПОС
answers carry a stance (bench.synthetic), so answers of one recipient on one street are compared for contradiction.
The browser's time of the page is measured with the other pages by bench.pages_bench.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.synthetic import AS_OF, PERIODS, build_store, rounds_as, synthetic_appeals
from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views import conflicts as view
from mcu_data.signals import conflicts

STREETS = ("Мира", "Садовая", "Ленина", "Гагарина", "Советская", "Школьная", "Молодёжная", "Полевая", "Лесная",
           "Заречная", "Набережная", "Победы", "Кооперативная", "Чапаева", "Степная", "Калинина", "Почтовая",
           "Кирова", "Луговая", "Юбилейная")  # fmt: skip
TEXTS = (
    "На ул. {s} не горит фонарь у дома 5.",
    "Яма на ул. {s}, прошу заделать.",
    "Повторно пишу: на ул. {s} так и не вывезли мусор.",
    "На ул. {s} нет воды третий день. Если не решите, обратимся в прокуратуру.",
    "Мы, жители ул. {s}, просим отремонтировать дорогу.",
    "Мой комментарий про ул. {s} удалили, а проблема осталась.",
)


def with_texts(n: int, seed: int = 11) -> np.ndarray:
    """The texts: a third of the appeals name a street, the rest keep the synthetic placeholder."""
    rng = np.random.default_rng(seed)
    texts = np.full(n, "Текст обращения [ФИО]", dtype=object)
    named = rng.random(n) < 0.33
    kinds = rng.choice(len(TEXTS), n, p=[0.3, 0.3, 0.15, 0.1, 0.1, 0.05])
    streets = rng.choice(STREETS, n)
    texts[named] = [TEXTS[k].format(s=s) for k, s in zip(kinds[named], streets[named], strict=True)]
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="mcu_conflicts_"))
    try:
        t0 = time.perf_counter()
        frame = synthetic_appeals(args.rows)
        frame["text_masked"] = with_texts(args.rows)
        store = build_store(workdir / "c.duckdb", frame)
        del frame
        print(
            f"Обращений: {args.rows:,}".replace(",", " ") + f"; хранилище собрано за {time.perf_counter() - t0:.0f} с"
        )
        src = Source(store)
        user = access.User("bench", "Замер", "curator")
        print(f"{'что':<60}{'медиана, с':>12}{'наибольшее, с':>15}{'сигналов':>12}")
        # first as right after a write (the page searches itself), then with the server job's links counted ahead
        for how in ("страница ищет сама", "повторы посчитаны заранее"):
            if how == "повторы посчитаны заранее":
                t1 = time.perf_counter()
                links = conflicts.refresh_links(store)
                print(f"{'подсчёт повторов заранее (фоновая задача сервера)':<60}{time.perf_counter() - t1:>12.3f}"
                      f"{'':>15}{links:>12}")  # fmt: skip
            for name, filters in PERIODS.items():
                cases = {
                    f"запрос (conflicts.find), {name}, {how}": lambda f=filters: conflicts.find(store, f, AS_OF),
                    f"вся страница, {name}, {how}": lambda f=filters: view.build(src, f, AS_OF, user),
                }
                for what, run in cases.items():
                    median, longest, result = rounds_as(user, run, args.rounds)
                    total = result[1]["total"] if isinstance(result, tuple) else ""
                    print(f"{what:<60}{median:>12.3f}{longest:>15.3f}{total:>12}")
        store.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
