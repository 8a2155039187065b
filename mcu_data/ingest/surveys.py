"""Import of resident surveys: one answer of one respondent to one question per row, read by the same readers and
the same column profiles as appeals, written in one transaction with its batch and its rejected rows.

A survey answer has no number of its own in the source, so a row is known by what it says (date, place, group,
theme, question, answer, questionnaire) and by which repeat of those values it is within its file: loading the same
file again, or a later file that repeats the earlier answers, adds only what is new.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.locale import fmt_int, label
from mcu_data.ingest import gazetteer, masking
from mcu_data.ingest.dates import clean, parse_dates
from mcu_data.ingest.normalize import Rejections, footer_kind
from mcu_data.ingest.profiles import SourceProfile, header_key
from mcu_data.ingest.readers import ImportFileError, Source, digest, open_table
from mcu_data.ingest.report import ImportReport
from mcu_data.store import Store

SOURCE_CODE = "survey"
FIELDS = ("answered_on", "question", "answer", "place_raw", "respondent_group", "theme_raw", "survey", "respondent_id")
REQUIRED = ("answered_on", "question", "answer")
NO_GROUP = "не указана"
COLUMNS: dict[str, tuple[str, ...]] = {
    "answered_on": ("Дата опроса", "Дата анкетирования", "Дата заполнения", "Дата ответа", "Дата", "Дата проведения"),
    "question": ("Вопрос", "Вопрос анкеты", "Текст вопроса", "Формулировка вопроса"),
    "answer": ("Ответ", "Ответ респондента", "Вариант ответа", "Ответ жителя"),
    "place_raw": (
        "Населённый пункт",
        "Населенный пункт",
        "Поселение",
        "Сельское поселение",
        "Территория",
        "Место проживания",
        "Место жительства",
    ),
    "respondent_group": (
        "Группа респондентов",
        "Группа опрошенных",
        "Категория респондента",
        "Категория респондентов",
        "Социальная группа",
        "Группа",
    ),
    "theme_raw": ("Тема", "Тематика", "Сфера", "Направление"),
    "survey": ("Опрос", "Название опроса", "Анкета"),
    "respondent_id": ("Номер анкеты", "№ анкеты", "ID респондента", "Респондент", "Номер респондента"),
}
PROFILE = SourceProfile(
    code="survey",
    source_code=SOURCE_CODE,
    title_ru="Результаты опроса жителей",
    columns=COLUMNS,
    default_channel="other",
    default_kind="survey",
    markers=("Вопрос", "Ответ", "Группа респондентов", "Дата опроса"),
)
KNOWN = {name for names in COLUMNS.values() for name in names}

# the sense of a closed answer, tried in order on the folded answer; anything else is the resident's own words
POLARITY_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("neutral", re.compile(r"^(?:затрудняюсь(?: ответить)?|не знаю|нет ответа|не могу сказать|трудно сказать|"
                           r"не изменил(?:ось|ся|ась)|без изменений|удовлетворительно|частично|отчасти|"
                           r"нейтрально|и да,? и нет|средне|3)$")),
    ("negative", re.compile(r"^(?:нет|скорее нет|наверное нет|(?:совсем |полностью |скорее |абсолютно )?не "
                            r"(?:удовлетвор\w*|довол\w*)|неудовлетвор\w*|недовол\w*|плохо|очень плохо|"
                            r"ухудшил(?:ось|ся|ась)|стало хуже|хуже|отрицательно|1|2)$")),
    ("positive", re.compile(r"^(?:да|скорее да|наверное да|(?:полностью |скорее |вполне |в целом )?"
                            r"(?:удовлетвор\w*|довол\w*)|хорошо|отлично|очень хорошо|улучшил(?:ось|ся|ась)|"
                            r"стало лучше|лучше|положительно|4|5)$")),
)  # fmt: skip
THEME_ALIASES = {
    "жкх": "housing",
    "коммунальные услуги": "housing",
    "водоснабжение": "housing",
    "отопление": "housing",
    "дороги": "roads",
    "содержание дорог": "roads",
    "мусор": "waste",
    "вывоз мусора": "waste",
    "тко": "waste",
    "освещение": "energy",
    "уличное освещение": "energy",
    "электроснабжение": "energy",
    "медицина": "health",
    "школы": "education",
    "торговля": "trade",
    "работа администрации": "other",
}


def fold(values: pd.Series) -> pd.Series:
    """Lower case, «е» for «ё», no closing punctuation or quotes, single spaces: how answers and themes compare."""
    text = clean(values).str.lower().str.replace("ё", "е", regex=False)
    return text.str.replace(r"[«»\"'!.?;:]+", "", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()


def polarity(answers: pd.Series) -> pd.Series:
    """positive, neutral, negative, or other: the sense of each closed answer (definitions: survey_positive_share)."""
    key = fold(answers)
    out = pd.Series("other", index=answers.index, dtype="object")
    for code, pattern in reversed(POLARITY_RULES):  # the first rule wins: applied last
        out = out.where(~key.str.fullmatch(pattern), code)
    return out


def custom_profile(mapping: dict[str, str]) -> SourceProfile:
    """A profile from a hand mapping: survey field -> the file's column."""
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ImportFileError(f"Неизвестные поля опроса: {', '.join(sorted(unknown))}.")
    missing = [label("survey_field", f) for f in REQUIRED if not mapping.get(f)]
    if missing:
        raise ImportFileError("Не сопоставлены обязательные поля опроса: " + "; ".join(missing) + ".")
    return SourceProfile(
        code="survey:сопоставление",
        source_code=SOURCE_CODE,
        title_ru="Результаты опроса (столбцы сопоставлены вручную)",
        columns={f: (column,) for f, column in mapping.items() if column},
        default_channel="other",
        default_kind="survey",
    )


@dataclass(frozen=True)
class Refs:
    places: gazetteer.Gazetteer
    themes: dict[str, str]  # folded name or code -> theme code


def load_refs(store: Store) -> Refs:
    themes = store.query("select code, name_ru from theme")
    lookup = {**THEME_ALIASES, **dict(zip(themes["code"], themes["code"], strict=True))}
    lookup.update(dict(zip(fold(themes["name_ru"]), themes["code"], strict=True)))
    return Refs(gazetteer.build_places(store.query("select * from gazetteer")), lookup)


@dataclass(frozen=True)
class Chunk:
    rows: pd.DataFrame
    rejected: pd.DataFrame  # row_number, reason_code, reason_ru, raw_json
    skipped: pd.DataFrame  # row_number, kind


def normalize(raw: pd.DataFrame, profile: SourceProfile, refs: Refs) -> Chunk:
    """Survey rows ready for the store, rejected rows with a Russian reason, and the rows under the table."""
    mapping = profile.match(list(raw.columns))
    c = pd.DataFrame(index=raw.index)
    for fld in FIELDS:
        c[fld] = raw[mapping[fld]].astype("str").str.strip() if fld in mapping else ""
    day = parse_dates(c["answered_on"])
    kind = footer_kind(raw[day.isna()]).reindex(raw.index)
    skip = kind.notna()
    skipped = pd.DataFrame({"row_number": raw.index[skip], "kind": kind[skip].to_numpy()})
    c, raw, day = c[~skip], raw[~skip], day[~skip]

    refused = Rejections(raw)
    take = refused.take
    take(c["answered_on"] == "", "no_survey_date", "Нет даты опроса")
    take(day.isna(), "bad_date", "Неверная дата опроса: «" + c["answered_on"] + "»")
    take(c["question"] == "", "no_question", "Нет текста вопроса")
    take(c["answer"] == "", "no_answer", "Нет ответа")
    rejected = refused.frame(profile)
    alive = refused.alive

    c, day = c[alive], day[alive]
    out = pd.DataFrame(index=c.index)
    out["row_number"] = c.index
    out["answered_on"] = day.dt.date
    out["question"] = clean(c["question"])
    sense = polarity(c["answer"])
    # closed answers are words of the questionnaire; only a resident's own words can hold personal data
    own_words = sense == "other"
    answer = clean(c["answer"])
    if own_words.any():
        answer[own_words] = masking.mask_series(answer[own_words]).fillna("").astype("str")
    out["answer"] = answer
    out["polarity"] = sense
    out["respondent_group"] = clean(c["respondent_group"]).replace("", NO_GROUP)
    out["place_raw"] = c["place_raw"].replace("", None)
    found = gazetteer.resolve(c["place_raw"], refs.places, address=True)
    out["settlement_oktmo"] = found.oktmo.where(c["place_raw"] != "", None)
    out["theme_raw"] = c["theme_raw"].replace("", None)
    out["theme_code"] = fold(c["theme_raw"]).map(refs.themes).where(c["theme_raw"] != "", None)
    out["survey"] = clean(c["survey"]).replace("", None)
    out["respondent_id"] = clean(c["respondent_id"]).replace("", None)
    # what the row says, before masking: the key of an answer from this file or any later one
    out["content_hash"] = pd.util.hash_pandas_object(c[list(FIELDS)], index=False).astype("str")
    return Chunk(out, rejected, skipped)


STAGE_COLUMNS = (
    "row_number", "answered_on", "question", "answer", "polarity", "respondent_group", "place_raw",
    "settlement_oktmo", "theme_raw", "theme_code", "survey", "respondent_id", "content_hash",
)  # fmt: skip


def recognises(header: list[str]) -> bool:
    """The header holds a survey's columns: the date, the question and the answer."""
    found = PROFILE.match(header)
    return all(field in found for field in REQUIRED)


def import_path(store: Store, path: Path, max_bytes: int, origin: str = "cli", now: datetime | None = None):
    """Import a survey file on disk; see import_source."""
    return import_source(store, path, path.name, max_bytes, now=now, origin=origin)


def import_source(
    store: Store,
    source: Source,
    file_name: str,
    max_bytes: int,
    mapping: dict[str, str] | None = None,
    now: datetime | None = None,
    origin: str = "page",
    progress: Callable[[float, str], None] | None = None,
) -> ImportReport:
    """Read, check and write one survey file; a file that cannot be read raises ImportFileError and writes nothing."""
    now = now or datetime.now()
    access.require(access.IMPORT, channel=SOURCE_CODE)
    profile = custom_profile(mapping) if mapping else PROFILE
    known = KNOWN if not mapping else set(mapping.values())
    stream = open_table(source, file_name, max_bytes, known=known)
    found = profile.match(stream.header)
    missing = [label("survey_field", f) for f in REQUIRED if f not in found]
    if missing:
        raise ImportFileError(
            f"В файле «{file_name}» нет столбцов опроса: " + "; ".join(missing) + ". Ожидаются, например, «Дата "
            "опроса», «Вопрос», «Ответ», «Населённый пункт», «Группа респондентов». Столбцы файла: "
            + ", ".join(f"«{h}»" for h in stream.header[:30])
            + "."
        )
    refs = load_refs(store)
    if progress:
        progress(0.05, "Файл открыт")
    with store.staging() as stage:
        stage.execute(
            "create temp table svy_all (row_number bigint, answered_on date, question varchar, answer varchar, "
            "polarity varchar, respondent_group varchar, place_raw varchar, settlement_oktmo varchar, "
            "theme_raw varchar, theme_code varchar, survey varchar, respondent_id varchar, content_hash varchar)"
        )
        stage.execute(
            "create temp table svy_rej (row_number bigint, reason_code varchar, reason_ru varchar, raw_json varchar)"
        )
        stage.execute("create temp table svy_skip (row_number bigint, kind varchar)")
        for frame in stream.chunks:
            chunk = normalize(frame, profile, refs)
            stage.append("svy_all", chunk.rows[list(STAGE_COLUMNS)])
            stage.append("svy_rej", chunk.rejected)
            stage.append("svy_skip", chunk.skipped)
            if progress:
                progress(0.05 + 0.85 * stream.share_read(), "Проверяю строки")
        kept = int(stage.scalar("select count(*) from svy_all"))
        rejected_n = int(stage.scalar("select count(*) from svy_rej"))
        if kept == 0 and rejected_n == 0:
            raise ImportFileError(f"В файле «{file_name}» нет ни одной строки с ответами под заголовком.")
        # the n-th repeat of the same values within the file is its own answer: two neighbours may say the same
        stage.execute(
            "create temp table svy_keyed as select *, content_hash || '#' || row_number() over "
            "(partition by content_hash order by row_number) as row_key from svy_all"
        )
        reasons = stage.query("select reason_code, count(*) n from svy_rej group by 1 order by n desc, 1")
        skipped = stage.query("select kind, count(*) n from svy_skip group by 1 order by n desc, 1")
        skip_counts = dict(zip(skipped["kind"], skipped["n"].astype(int), strict=True))
        if stream.blank_rows:
            skip_counts["blank"] = skip_counts.get("blank", 0) + stream.blank_rows
        gaps = stage.query(
            """
            select count(*) filter (where place_raw is not null and settlement_oktmo is null) as unplaced,
                   count(*) filter (where place_raw is null) as no_place,
                   count(*) filter (where theme_raw is not null and theme_code is null) as unthemed,
                   count(*) filter (where polarity = 'other') as own_words
            from svy_keyed
            """
        ).iloc[0]
        unknown_places = stage.query(
            "select place_raw, count(*) n from svy_keyed where place_raw is not null and settlement_oktmo is null "
            "group by 1 order by n desc, 1 limit 5"
        )
        unknown_themes = stage.query(
            "select theme_raw, count(*) n from svy_keyed where theme_raw is not null and theme_code is null "
            "group by 1 order by n desc, 1 limit 5"
        )
        rows_skipped = sum(skip_counts.values())
        warnings = _warnings(gaps, unknown_places, unknown_themes)
        with stage.transaction() as tx:
            batch_id = int(
                tx.scalar(
                    "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status, "
                    "origin) values (?, ?, ?, ?, ?, 'running', ?) returning batch_id",
                    [SOURCE_CODE, profile.code, file_name, digest(source), now, origin],
                )
            )
            new = int(
                tx.scalar(
                    "select count(*) from svy_keyed s where not exists (select 1 from survey_answer a "
                    "where a.row_key = s.row_key)"
                )  # fmt: skip
            )
            tx.execute(
                "insert into survey_answer (batch_id, row_key, survey, respondent_id, answered_on, question, answer, "
                "polarity, respondent_group, place_raw, settlement_oktmo, theme_raw, theme_code) "
                "select ?, row_key, survey, respondent_id, answered_on, question, answer, polarity, respondent_group, "
                "place_raw, settlement_oktmo, theme_raw, theme_code from svy_keyed s "
                "where not exists (select 1 from survey_answer a where a.row_key = s.row_key) order by row_number",
                [batch_id],
            )
            tx.execute(
                "insert into rejected_row (batch_id, row_number, raw_json, reason_ru, reason_code) "
                "select ?, row_number, raw_json, reason_ru, reason_code from svy_rej",
                [batch_id],
            )
            report = ImportReport(
                batch_id=batch_id,
                source_code=SOURCE_CODE,
                profile=profile.code,
                file_name=file_name,
                rows_read=kept + rejected_n + rows_skipped,
                rows_new=new,
                rows_updated=0,
                rows_unchanged=kept - new,
                rows_rejected=rejected_n,
                header_row=stream.header_row,
                encoding=stream.encoding,
                rows_skipped=rows_skipped,
                sheet=stream.sheet,
                origin=origin,
                unused_columns=tuple(h for h in stream.header if h not in set(found.values())),
                reasons=tuple((r.reason_code, int(r.n)) for r in reasons.itertuples()),
                skipped_kinds=tuple(sorted(skip_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                warnings=tuple(warnings),
            )
            if not report.adds_up:
                raise RuntimeError(f"Счёт строк опроса не сходится: {report}")
            tx.execute(
                "update import_batch set finished_at = ?, rows_read = ?, rows_new = ?, rows_updated = 0, "
                "rows_unchanged = ?, rows_rejected = ?, rows_replaced = 0, rows_skipped = ?, rows_flagged = 0, "
                "rows_unrecognised = ?, details_json = ?, status = 'done' where batch_id = ?",
                [
                    datetime.now(),
                    report.rows_read,
                    report.rows_new,
                    report.rows_unchanged,
                    report.rows_rejected,
                    report.rows_skipped,
                    int(gaps["unplaced"] + gaps["unthemed"]),
                    json.dumps(report.as_dict(), ensure_ascii=False, default=str),
                    batch_id,
                ],
            )
            audit.record(
                store,
                "import",
                f"загрузка №{batch_id}",
                f"{file_name}: опрос жителей, новых ответов {report.rows_new}, отклонено {report.rows_rejected}",
                tx=tx,
            )
    if progress:
        progress(1.0, "Готово")
    return report


def _warnings(gaps: pd.Series, places: pd.DataFrame, themes: pd.DataFrame) -> list[str]:
    out = []
    if gaps["unplaced"]:
        named = ", ".join(f"«{r.place_raw}» ({fmt_int(r.n)})" for r in places.itertuples())
        out.append(
            f"В {fmt_int(gaps['unplaced'])} ответах населённый пункт не найден в справочнике: {named}. Ответы "
            "загружены и показаны как «поселение не определено»."
        )
    if gaps["no_place"]:
        out.append(f"В {fmt_int(gaps['no_place'])} ответах населённый пункт не указан.")
    if gaps["unthemed"]:
        named = ", ".join(f"«{r.theme_raw}» ({fmt_int(r.n)})" for r in themes.itertuples())
        out.append(f"Тема не распознана в {fmt_int(gaps['unthemed'])} ответах: {named}. Ответы загружены без темы.")
    if gaps["own_words"]:
        out.append(
            f"{fmt_int(gaps['own_words'])} ответов — своими словами (открытые вопросы): они загружены, персональные "
            "данные в них скрыты, в долю положительных ответов они не входят."
        )
    return out


def looks_like_survey(header: list[str]) -> bool:
    """A header with a question and an answer column: the import page offers the survey import for it."""
    keys = {header_key(h) for h in header}
    return all(any(header_key(n) in keys for n in COLUMNS[f]) for f in ("question", "answer"))
