"""Deterministic sample exports: two years of Borsky appeals as ПОС, Инцидент менеджмент and 59-ФЗ files write them.

Run: python -m mcu_data.sample.generate [--end YYYY-MM-DD] [--seed N] [--out sample_data]
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from mcu_data.core import deadlines
from mcu_data.core.config import PROJECT_ROOT, REFERENCE_DIR
from mcu_data.sample import answers as sample_answers
from mcu_data.sample import official_pages, surveys
from mcu_data.sample.taxonomy import SEASONS, SUBTHEMES
from mcu_data.sample.texts import PLACES, STREETS, compose

DEFAULT_END = date(2026, 11, 26)
DEFAULT_SEED = 20261126
DAILY_BASE = 9.5  # appeals a day before season and settlement factors: about 8,000 in two years

# Where problems concentrate beyond population: two hot spots.
HOT_SPOTS = {"36612412": 1.9, "36612428": 1.6}

# Lateness and formal answers concentrate in a few recipients.
LATE_SHARE = {
    "sp_gvardeytsy": 0.38,
    "adm_housing": 0.22,
    "transport_op": 0.27,
    "health_crb": 0.18,
    "sp_novoborskoe": 0.2,
}
FORMAL_SHARE = {"adm_architecture": 0.33, "kumi": 0.28, "sp_novoborskoe": 0.3, "sp_gvardeytsy": 0.22}


@dataclass(frozen=True)
class Spike:
    """An injected burst: extra appeals on one subtheme in one settlement for some days."""

    settlement: str
    subtheme: str
    start: date
    days: int
    extra: int


def spikes_for(end: date) -> list[Spike]:
    return [
        Spike("36612420", "Холодное водоснабжение", date(end.year, 7, 13), 7, 48),
        Spike("36612436", "Ямы и ремонт дорог", date(end.year - 1, 4, 7), 10, 26),
        Spike("36612412", "Отопление", date(end.year, 1, 19), 7, 34),
        Spike("36612428", "Вывоз мусора", end - timedelta(days=11), 11, 24),
    ]


def _settlements() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / "settlements.csv", dtype={"oktmo": str})


def _recipient_for(sub_recipient: str, oktmo: str, recipients: pd.DataFrame) -> str:
    if sub_recipient != "settlement":
        return sub_recipient
    return recipients.loc[recipients["settlement_oktmo"] == oktmo, "code"].iloc[0]


def build_appeals(end: date = DEFAULT_END, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The sample appeals as one canonical table, before they are written in each source's shape."""
    rng = np.random.default_rng(seed)
    start = end - timedelta(days=729)
    days = pd.date_range(start, end, freq="D")
    sett = _settlements()
    recipients = pd.read_csv(REFERENCE_DIR / "recipients.csv", dtype={"settlement_oktmo": str})
    pop_share = sett["population_2021"] / sett["population_2021"].sum()
    hot = sett["oktmo"].map(HOT_SPOTS).fillna(1.0)
    sett_weight = (pop_share * hot).to_numpy()
    sub_weight = np.array([s.weight for s in SUBTHEMES])
    sub_weight = sub_weight / sub_weight.sum()
    month = days.month.to_numpy() - 1
    season = np.array([[SEASONS[s.season][m] for s in SUBTHEMES] for m in month])
    # social media grow over the two years; weekends are quieter
    trend = np.linspace(0.85, 1.15, len(days))
    weekday = np.where(days.day_of_week.to_numpy() >= 5, 0.6, 1.12)
    lam = (
        DAILY_BASE
        * trend[:, None, None]
        * weekday[:, None, None]
        * season[:, :, None]
        * sub_weight[None, :, None]
        * sett_weight[None, None, :]
    )
    counts = rng.poisson(lam)
    d_idx, s_idx, p_idx = np.nonzero(counts)
    reps = counts[d_idx, s_idx, p_idx]
    d_idx, s_idx, p_idx = np.repeat(d_idx, reps), np.repeat(s_idx, reps), np.repeat(p_idx, reps)
    base = pd.DataFrame({"day": days[d_idx], "sub": s_idx, "oktmo": sett["oktmo"].to_numpy()[p_idx]})
    sub_names = [s.name for s in SUBTHEMES]
    extra = []
    for spike in spikes_for(end):
        k = sub_names.index(spike.subtheme)
        spike_days = pd.date_range(spike.start, periods=spike.days, freq="D")
        picks = rng.integers(0, spike.days, spike.extra)
        extra.append(pd.DataFrame({"day": spike_days[picks], "sub": k, "oktmo": spike.settlement}))
    frame = pd.concat([base, *extra], ignore_index=True)
    frame = frame[frame["day"] <= pd.Timestamp(end)]
    frame = frame.sort_values(["day", "sub", "oktmo"], kind="stable").reset_index(drop=True)
    return _lifecycle(frame, end, rng, recipients)


def _lifecycle(frame: pd.DataFrame, end: date, rng: np.random.Generator, recipients: pd.DataFrame) -> pd.DataFrame:
    n = len(frame)
    subs = [SUBTHEMES[i] for i in frame["sub"]]
    frame["theme"] = [s.theme for s in subs]
    frame["subtheme"] = [s.name for s in subs]
    # channel mix: letters carry land, property and social questions; social media carry the street
    letters_heavy = {"land", "property", "social", "guardianship", "construction", "economy"}
    p_fz = np.array([0.55 if s.theme in letters_heavy else 0.16 for s in subs])
    p_im = np.array([0.15 if s.theme in letters_heavy else 0.46 for s in subs])
    u = rng.random(n)
    frame["source"] = np.where(u < p_fz, "fz59", np.where(u < p_fz + p_im, "im", "pos"))
    minutes = np.where(
        frame["source"] == "fz59", rng.integers(8 * 60, 17 * 60, n), rng.integers(6 * 60, 23 * 60 + 59, n)
    )
    frame["received_at"] = frame["day"] + pd.to_timedelta(minutes, unit="m")
    frame["recipient"] = [_recipient_for(s.recipient, o, recipients) for s, o in zip(subs, frame["oktmo"], strict=True)]
    frame["text"] = [compose(str(rng.choice(s.phrases)), o, rng) for s, o in zip(subs, frame["oktmo"], strict=True)]

    # registration and deadlines, as each source system records them
    reg_delay = np.where(frame["source"] == "fz59", rng.integers(0, 3, n), 0)
    frame["registered_at"] = (frame["day"] + pd.to_timedelta(reg_delay, unit="D")) + pd.Timedelta(hours=10)
    due_fz = deadlines.due_dates(frame["registered_at"], 30, "calendar_days")
    due_pos = deadlines.due_dates(frame["received_at"], 10, "working_days")
    due_im = deadlines.due_dates(frame["received_at"], 1, "working_days")
    frame["due_at"] = np.where(frame["source"] == "fz59", due_fz, np.where(frame["source"] == "pos", due_pos, due_im))
    frame["due_at"] = pd.to_datetime(frame["due_at"])
    extended = (frame["source"] == "fz59") & (rng.random(n) < 0.06)
    frame["extended_due_at"] = frame["due_at"].where(extended) + pd.Timedelta(days=30)

    # answers: most in time, lateness concentrated in a few recipients
    late_p = frame["recipient"].map(LATE_SHARE).fillna(0.05).to_numpy()
    is_late = rng.random(n) < late_p
    span = (
        deadlines.effective_due(frame["due_at"], frame["extended_due_at"]) - frame["received_at"]
    ).dt.total_seconds()
    on_time_delay = span * rng.uniform(0.15, 0.95, n)
    late_delay = span + rng.exponential(6 * 86400, n) + 3600
    delay = np.where(is_late, late_delay, on_time_delay)
    answer = frame["received_at"] + pd.to_timedelta(delay, unit="s")
    as_of = pd.Timestamp(end) + pd.Timedelta(hours=12)
    answered = answer <= as_of
    frame["first_answer_at"] = answer.where(answered).dt.floor("min")
    frame["closed_at"] = (frame["first_answer_at"] + pd.to_timedelta(rng.integers(0, 3, n), unit="D")).where(
        answered & (rng.random(n) < 0.9)
    )
    frame.loc[frame["closed_at"] > as_of, "closed_at"] = pd.NaT

    formal_p = frame["recipient"].map(FORMAL_SHARE).fillna(0.07).to_numpy()
    u = rng.random(n)
    rest = np.select(
        [u < 0.52, u < 0.80, u < 0.90],
        ["solved", "explained", "refused"],
        default="redirected",
    )
    outcome = np.where(rng.random(n) < formal_p, "formal", rest)
    frame["outcome"] = np.where(answered, outcome, None)
    status = np.where(
        ~answered,
        np.where(
            frame["extended_due_at"].notna(), "extended", np.where(rng.random(n) < 0.3, "registered", "in_progress")
        ),
        np.where(
            frame["outcome"] == "redirected", "redirected", np.where(frame["closed_at"].notna(), "closed", "answered")
        ),
    )
    frame["status"] = status

    # ПОС asks the author to rate the answer; a formal answer or a refusal is rated low
    rated = answered & (frame["source"] == "pos") & (rng.random(n) < 0.62)
    good = rng.choice([4, 5], n, p=[0.35, 0.65])
    bad = rng.choice([1, 2, 3], n, p=[0.55, 0.3, 0.15])
    mid = rng.choice([2, 3, 4], n, p=[0.3, 0.4, 0.3])
    score = np.where(frame["outcome"] == "solved", good, np.where(frame["outcome"] == "explained", mid, bad))
    frame["satisfaction"] = pd.array(np.where(rated, score, 0), dtype="Int64").astype("Int64")
    frame.loc[~rated, "satisfaction"] = pd.NA
    frame["author_type"] = np.select(
        [rng.random(n) < np.where(frame["source"] == "im", 0.14, 0.03), rng.random(n) < 0.05],
        ["anonymous", "organisation"],
        default="citizen",
    )
    frame["is_collective"] = (frame["source"] == "fz59") & (rng.random(n) < 0.05)
    frame["is_repeat"] = rng.random(n) < (0.05 + 0.25 * (formal_p > 0.2))
    frame["channel"] = _channels(frame["source"].to_numpy(), rng)
    frame["street"] = rng.choice(STREETS, n)
    frame["house"] = rng.integers(1, 80, n)
    return frame.drop(columns=["day", "sub"])


def _channels(source: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = len(source)
    im = rng.choice(["vk", "ok", "telegram", "media"], n, p=[0.62, 0.2, 0.14, 0.04])
    fz = rng.choice(["letter", "email", "site", "reception"], n, p=[0.3, 0.25, 0.35, 0.1])
    return np.where(source == "im", im, np.where(source == "fz59", fz, "gosuslugi"))


# -- writers: each in its source system's shape -----------------------------------------------

POS_STATUS = {
    "registered": "Зарегистрировано",
    "in_progress": "В работе",
    "extended": "В работе",
    "answered": "Ответ дан",
    "redirected": "Перенаправлено",
    "closed": "Закрыто",
}
POS_RESULT = {
    "solved": "Решено",
    "explained": "Разъяснено",
    "refused": "Отказано",
    "redirected": "Перенаправлено",
    "formal": "Ответ не по существу",
}
IM_STATUS = {
    "registered": "Новый",
    "in_progress": "В работе",
    "extended": "В работе",
    "answered": "Ответ опубликован",
    "redirected": "Передан по компетенции",
    "closed": "Закрыт",
}
IM_RESULT = {
    "solved": "Решено",
    "explained": "Разъяснение",
    "refused": "Отказ",
    "redirected": "Переадресация",
    "formal": "Отписка",
}
IM_NETWORK = {"vk": "ВКонтакте", "ok": "Одноклассники", "telegram": "Telegram", "media": "СМИ"}
FZ_STATUS = {
    "registered": "На рассмотрении",
    "in_progress": "На рассмотрении",
    "extended": "Продлено",
    "answered": "Рассмотрено",
    "redirected": "Направлено по компетенции",
    "closed": "Рассмотрено",
}
FZ_RESULT = {
    "solved": "Поддержано, меры приняты",
    "explained": "Разъяснено",
    "refused": "Не поддержано",
    "redirected": "Направлено по компетенции",
    "formal": "Ответ не по существу",
}
FZ_FORM = {"letter": "Письмо", "email": "Электронная почта", "site": "Интернет-приёмная", "reception": "Личный приём"}
FZ_KIND = ("Заявление", "Жалоба", "Предложение")


def _recipient_names() -> dict[str, str]:
    rec = pd.read_csv(REFERENCE_DIR / "recipients.csv")
    return dict(zip(rec["code"], rec["name_ru"], strict=True))


def _address(row: pd.Series) -> str:
    nom = PLACES[row["oktmo"]][0][0]
    return f"Самарская обл., Борский р-н, {nom}, ул. {row['street']}, д. {row['house']}"


def _fmt(ts: pd.Timestamp | None, pattern: str) -> str:
    return "" if ts is None or pd.isna(ts) else ts.strftime(pattern)


def write_pos(frame: pd.DataFrame, path: Path, end: date, rng: np.random.Generator) -> int:
    """ПОС: xlsx with a merged title above the table, typed date cells, coordinates where known."""
    rows = frame[frame["source"] == "pos"].reset_index(drop=True)
    names = _recipient_names()
    sett = _settlements().set_index("oktmo")
    wb = Workbook()
    ws = wb.active
    ws.title = "Сообщения"
    header = [
        "№ п/п",
        "Номер сообщения",
        "Дата и время подачи",
        "Категория",
        "Подкатегория",
        "Текст сообщения",
        "Адрес",
        "Широта",
        "Долгота",
        "Ответственный",
        "Статус",
        "Срок ответа",
        "Дата ответа",
        "Результат",
        "Оценка заявителя",
        "Тип заявителя",
        "Текст ответа",
    ]
    answers = sample_answers.answer_texts(rows, FORMAL_SHARE)  # a generator of its own: no other value moves
    ws.append(
        [
            f"Выгрузка сообщений Платформы обратной связи: муниципальный район Борский, "
            f"{(end - timedelta(days=729)).strftime('%d.%m.%Y')} – {end.strftime('%d.%m.%Y')}"
        ]
    )
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.cell(1, 1).font = Font(bold=True, size=12)
    ws.append([f"Сформировано {end.strftime('%d.%m.%Y')} 09:00"])
    ws.append([])
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    author = {"citizen": "Физическое лицо", "organisation": "Юридическое лицо", "anonymous": "Физическое лицо"}
    for i, r in rows.iterrows():
        lat = lon = None
        centre = sett.loc[r["oktmo"]]
        # only settlements with a verified centre get points, jittered within about a kilometre
        if bool(centre["coord_verified"]):
            lat = round(float(centre["lat"]) + rng.normal(0, 0.006), 5)
            lon = round(float(centre["lon"]) + rng.normal(0, 0.009), 5)
        sub = next(s for s in SUBTHEMES if s.name == r["subtheme"])
        ws.append(
            [
                i + 1,
                f"{3_100_000 + i * 7 + 3}",
                r["received_at"].to_pydatetime(),
                sub.pos[0],
                sub.pos[1],
                r["text"],
                _address(r),
                lat,
                lon,
                names[r["recipient"]],
                POS_STATUS[r["status"]],
                r["due_at"].to_pydatetime(),
                None if pd.isna(r["first_answer_at"]) else r["first_answer_at"].to_pydatetime(),
                POS_RESULT.get(r["outcome"], "") if r["outcome"] else "",
                None if pd.isna(r["satisfaction"]) else int(r["satisfaction"]),
                author[r["author_type"]],
                answers[i],
            ]
        )
    for row in ws.iter_rows(min_row=5, min_col=3, max_col=3):
        row[0].number_format = "DD.MM.YYYY HH:MM"
    for col in (12, 13):
        for row in ws.iter_rows(min_row=5, min_col=col, max_col=col):
            row[0].number_format = "DD.MM.YYYY"
    wb.properties.created = datetime(end.year, end.month, end.day, 9, 0)
    wb.properties.modified = datetime(end.year, end.month, end.day, 9, 0)
    wb.save(path)
    return len(rows)


def write_im(frame: pd.DataFrame, path: Path) -> int:
    """Инцидент менеджмент: UTF-8 CSV with commas, ISO timestamps; a third of posts have no rubric."""
    rows = frame[frame["source"] == "im"].reset_index(drop=True)
    names = _recipient_names()
    rng = np.random.default_rng(len(rows))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "ID",
                "Дата создания",
                "Источник",
                "Рубрика",
                "Текст",
                "Ответственный",
                "Статус",
                "Дата первой реакции",
                "Дата ответа",
                "Качество ответа",
            ]
        )
        for i, r in rows.iterrows():
            sub = next(s for s in SUBTHEMES if s.name == r["subtheme"])
            rubric = sub.im if rng.random() > 0.33 else ""
            first = r["first_answer_at"]
            reaction = (
                "" if pd.isna(first) else _fmt(r["received_at"] + (first - r["received_at"]) * 0.3, "%Y-%m-%d %H:%M:%S")
            )
            w.writerow(
                [
                    f"IM-{58_000 + i}",
                    _fmt(r["received_at"], "%Y-%m-%d %H:%M:%S"),
                    IM_NETWORK[r["channel"]],
                    rubric,
                    r["text"],
                    names[r["recipient"]],
                    IM_STATUS[r["status"]],
                    reaction,
                    _fmt(first, "%Y-%m-%d %H:%M:%S"),
                    IM_RESULT.get(r["outcome"], "") if r["outcome"] else "",
                ]
            )
    return len(rows)


FZ_HEADER = [
    "Рег. №",
    "Дата поступления",
    "Дата регистрации",
    "Корреспондент",
    "Адрес корреспондента",
    "Вид обращения",
    "Форма поступления",
    "Тематика",
    "Краткое содержание",
    "Исполнитель",
    "Срок исполнения",
    "Продлено до",
    "Дата ответа",
    "Результат рассмотрения",
    "Коллективное",
    "Повторное",
    "Состояние",
]


def write_fz59(frame: pd.DataFrame, path: Path, rng: np.random.Generator) -> tuple[int, int]:
    """59-ФЗ registry: cp1251, semicolons, DD.MM.YYYY, as a Russian document system exports it.

    A few broken rows are written on purpose, as real registries have them; the import must
    reject them with a reason and keep them.
    """
    from mcu_data.sample.texts import _person

    rows = frame[frame["source"] == "fz59"].reset_index(drop=True)
    names = _recipient_names()
    out = []
    for i, r in rows.iterrows():
        sub = next(s for s in SUBTHEMES if s.name == r["subtheme"])
        topic = sub.fz59 if rng.random() > 0.12 else ""
        prefix = "КО" if r["is_collective"] else "ОГ"
        person = _person(rng)
        out.append(
            [
                f"{prefix}-{1000 + i}/{r['registered_at'].year % 100:02d}",
                _fmt(r["received_at"], "%d.%m.%Y"),
                _fmt(r["registered_at"], "%d.%m.%Y"),
                ""
                if r["author_type"] == "anonymous"
                else ("ООО «Агроресурс»" if r["author_type"] == "organisation" else person["name"]),
                _address(r) + f", кв. {rng.integers(1, 40)}" if rng.random() < 0.3 else _address(r),
                str(rng.choice(FZ_KIND, p=[0.6, 0.3, 0.1])),
                FZ_FORM[r["channel"]],
                topic,
                r["text"],
                names[r["recipient"]],
                _fmt(r["due_at"], "%d.%m.%Y"),
                _fmt(r["extended_due_at"], "%d.%m.%Y"),
                _fmt(r["first_answer_at"], "%d.%m.%Y"),
                FZ_RESULT.get(r["outcome"], "") if r["outcome"] else "",
                "Да" if r["is_collective"] else "Нет",
                "Да" if r["is_repeat"] else "Нет",
                FZ_STATUS[r["status"]],
            ]
        )
    broken = [
        [
            "",
            "12.03.2025",
            "12.03.2025",
            "",
            "Самарская обл., Борский р-н, Петровка",
            "Заявление",
            "Письмо",
            "",
            "Прошу отремонтировать дорогу на ул. Садовой",
            names["sp_petrovka"],
            "11.04.2025",
            "",
            "",
            "",
            "Нет",
            "Нет",
            "На рассмотрении",
        ],
        [
            "ОГ-BAD1/25",
            "31.02.2025",
            "31.02.2025",
            "",
            "Самарская обл., Борский р-н, Усманка",
            "Жалоба",
            "Письмо",
            "",
            "Нет воды",
            names["sp_usmanka"],
            "",
            "",
            "",
            "",
            "Нет",
            "Нет",
            "На рассмотрении",
        ],
        ["ОГ-BAD2/26", "", "", "", "", "Заявление", "Электронная почта", "", "", "", "", "", "", "", "Нет", "Нет", ""],
    ]
    for j, row in enumerate(broken):
        out.insert(50 + j * 400, row)
    with open(path, "w", encoding="cp1251", errors="replace", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        w.writerow(FZ_HEADER)
        w.writerows(out)
    return len(rows), len(broken)


def generate(out_dir: Path, end: date = DEFAULT_END, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Write the three exports; returns how many appeals each file carries."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frame = build_appeals(end, seed)
    rng = np.random.default_rng(seed + 1)
    counts = {
        "pos": write_pos(frame, out_dir / "pos_export.xlsx", end, rng),
        "im": write_im(frame, out_dir / "incident_export.csv"),
    }
    counts["fz59"], counts["fz59_broken"] = write_fz59(frame, out_dir / "fz59_registry.csv", rng)
    counts["survey"] = surveys.write(out_dir, end)  # its own generator: no draw above moves
    counts["official_pages"] = official_pages.write(out_dir, end)  # its own generator too
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="Сформировать демонстрационные выгрузки")
    parser.add_argument("--end", type=date.fromisoformat, default=DEFAULT_END)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "sample_data")
    args = parser.parse_args()
    counts = generate(args.out, args.end, args.seed)
    total = counts["pos"] + counts["im"] + counts["fz59"]
    print(
        f"ПОС: {counts['pos']}, Инцидент менеджмент: {counts['im']}, 59-ФЗ: {counts['fz59']} "
        f"(+{counts['fz59_broken']} испорченных строк), всего {total}; ответов опроса жителей: {counts['survey']}; "
        f"строк госпабликов: {counts['official_pages']}"
    )


if __name__ == "__main__":
    main()
