"""A sample export of the official pages' activity («Госпаблики»), as the district saves the regional system's report
from Excel: Windows-1251 CSV with semicolons, DD.MM.YYYY, Russian numbers («8 412», «3,5»), one page and day per row.
Drawn from a random generator of its own, so that adding it moves no draw, row or figure of the other exports.

Thirteen weeks up to the last day of the appeals: the district administration in VK, OK and Telegram, three
recipients (the hospital answers slowly and to half its comments), several settlements' pages — Гвардейцы and
Подгорное fall silent in the last weeks, Усманка posts rarely, Заплавное answers slowly — and one page whose owner no
reference knows (a youth council), so the page shows «владелец не определён».
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

PAGES_SEED = 17_017  # of its own: the appeal exports and the survey draw from other seeds
FILE_NAME = "official_pages.csv"
WEEKS = 13
HEADER = ["Дата", "Госпаблик", "Ссылка", "Соцсеть", "Владелец", "Публикации", "Комментарии", "Отвечено",
          "Среднее время ответа, ч", "Реакции", "Подписчики"]  # fmt: skip


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    network: str  # as the export writes it
    owner: str  # as the export writes it: a recipient's name or alias, a place, or something no reference knows
    post_odds: float  # the chance of at least one post on a day
    comments: float  # mean comments a day
    answered: float  # the share of comments answered
    hours: float  # mean hours to answer
    followers: int  # at the start
    growth: float  # followers gained a day
    silent_days: int = 0  # no post in the last days of the export


PAGES = (
    Page("Администрация Борского района", "https://vk.com/borskiy_rayon", "ВКонтакте",
         "Администрация Борского района", 0.92, 14, 0.9, 3.0, 8400, 7.5),
    Page("Администрация Борского района", "https://ok.ru/borskiyrayon", "Одноклассники",
         "Администрация Борского района", 0.7, 5, 0.8, 6.0, 3100, 2.0),
    Page("Борский район | Официально", "https://t.me/borskiy_official", "Telegram", "Администрация района", 0.8, 2,
         0.7, 5.0, 1200, 4.0),
    Page("Борская ЦРБ", "https://vk.com/borcrb", "ВКонтакте", "ЦРБ", 0.5, 7, 0.5, 30.0, 2600, 1.5),
    Page("Образование Борского района", "https://vk.com/bor_edu", "ВКонтакте", "Отдел образования", 0.6, 2, 0.85,
         8.0, 1900, 1.0),
    Page("Районный дом культуры", "https://vk.com/bor_rdk", "ВКонтакте", "РДК", 0.55, 3, 0.75, 10.0, 1500, 1.2),
    Page("Сельское поселение Петровка", "https://vk.com/sp_petrovka", "ВКонтакте", "Администрация сп Петровка",
         0.5, 3, 0.8, 6.0, 900, 0.8),
    Page("Гвардейцы — официально", "https://vk.com/sp_gvardeytsy", "ВКонтакте", "СП Гвардейцы", 0.4, 4, 0.6, 14.0,
         1100, 0.6, silent_days=19),
    Page("Новоборское сегодня", "https://ok.ru/sp_novoborskoe", "Одноклассники", "Администрация Новоборское", 0.45,
         3, 0.7, 9.0, 1300, 0.7),
    Page("Заплавное", "https://t.me/zaplavnoe_sp", "Telegram", "с. Заплавное", 0.35, 3, 0.4, 48.0, 420, 0.5),
    Page("Усманка", "https://ok.ru/usmanka_sp", "Одноклассники", "Администрация сп Усманка", 0.12, 1, 0.6, 20.0, 380,
         0.1),
    Page("Подгорное — наш дом", "https://vk.com/podgornoe_sp", "ВКонтакте", "Подгорное", 0.45, 2, 0.7, 12.0, 610,
         0.4, silent_days=10),
    Page("Молодёжь Бора", "https://vk.com/molodezh_bor", "ВКонтакте", "Молодёжный совет", 0.3, 2, 0.3, 20.0, 700,
         1.0),
)  # fmt: skip


def _ru(value: float, digits: int = 0) -> str:
    """A number as a Russian spreadsheet writes it: a space between thousands, a comma before the fraction."""
    text = f"{value:,.{digits}f}".replace(",", " ")
    return text.replace(".", ",")


def rows(end: date, seed: int = PAGES_SEED) -> list[list[str]]:
    """The export's rows: every page on every day of the thirteen weeks up to `end`."""
    rng = np.random.default_rng(seed)
    start = end - timedelta(days=7 * WEEKS - 1)
    out = []
    for page in PAGES:
        followers = float(page.followers)
        for i in range((end - start).days + 1):
            day = start + timedelta(days=i)
            quiet = (end - day).days < page.silent_days
            posts = 0 if quiet or rng.random() > page.post_odds else 1 + int(rng.poisson(0.6))
            comments = int(rng.poisson(page.comments * (1.0 if posts else 0.4)))
            answered = int(rng.binomial(comments, page.answered)) if comments else 0
            hours = _ru(max(0.2, rng.gamma(2.0, page.hours / 2.0)), 1) if answered else ""
            reactions = int(rng.poisson(page.followers * 0.01 * (posts + 0.2)))
            followers += rng.normal(page.growth, 1.5)
            out.append([day.strftime("%d.%m.%Y"), page.name, page.url, page.network, page.owner, str(posts),
                        str(comments), str(answered), hours, _ru(reactions), _ru(round(followers))])  # fmt: skip
    return out


def write(out_dir: Path, end: date, seed: int = PAGES_SEED) -> int:
    """Write the pages' export; returns its number of rows."""
    data = rows(end, seed)
    with open(out_dir / FILE_NAME, "w", encoding="cp1251", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        w.writerow(HEADER)
        w.writerows(data)
    return len(data)
