"""Import of the official pages' activity («госпаблики»): one page × one day per row, read by the same readers and
column profiles as appeals and surveys, written in one transaction with its batch and its rejected rows.

A page is known by its address (or, without one, by its network and name), a row by its page and day: loading the
same file again, or a later export that repeats the earlier days, adds only the days not yet in the store.
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
from mcu_data.core.locale import fmt_int, label, plural
from mcu_data.ingest import gazetteer, masking
from mcu_data.ingest.dates import clean, parse_dates
from mcu_data.ingest.normalize import Rejections, footer_kind
from mcu_data.ingest.profiles import SourceProfile, header_key
from mcu_data.ingest.readers import ImportFileError, Source, digest, open_table
from mcu_data.ingest.report import ImportReport
from mcu_data.store import Store

SOURCE_CODE = "official_pages"
NUMBERS = ("posts", "comments", "answered", "answer_hours_median", "answer_hours_mean", "reactions", "followers")
WHOLE = ("posts", "comments", "answered", "reactions", "followers")  # counts: a fraction there is a broken cell
FIELDS = ("day", "page_name", "url", "network", "owner_raw", *NUMBERS)
REQUIRED = ("day",)  # and a page: its name or its address (checked apart)
COLUMNS: dict[str, tuple[str, ...]] = {
    "day": ("Дата", "День", "Дата публикации", "Отчётная дата", "Отчетная дата", "Дата отчёта", "Дата отчета",
            "Период"),
    "page_name": ("Госпаблик", "Название госпаблика", "Страница", "Название страницы", "Сообщество",
                  "Название сообщества", "Паблик", "Наименование страницы"),
    "url": ("Ссылка", "Адрес страницы", "Ссылка на страницу", "URL", "Адрес", "Ссылка на госпаблик"),
    "network": ("Соцсеть", "Социальная сеть", "Площадка", "Сеть"),
    "owner_raw": ("Владелец", "Организация", "Учреждение", "Ведомство", "Владелец страницы", "Получатель",
                  "Орган власти", "Поселение", "Муниципальное образование"),
    "posts": ("Публикации", "Публикаций", "Посты", "Постов", "Кол-во публикаций", "Количество публикаций",
              "Число публикаций", "Записи"),
    "comments": ("Комментарии", "Комментариев", "Кол-во комментариев", "Количество комментариев",
                 "Число комментариев"),
    "answered": ("Отвечено", "Ответов на комментарии", "Отвеченные комментарии", "Комментарии с ответом",
                 "Ответы на комментарии", "Кол-во ответов", "Количество ответов"),
    "answer_hours_median": ("Медианное время ответа, ч", "Медиана времени ответа, ч", "Медианное время ответа",
                            "Медиана времени ответа (ч)"),
    "answer_hours_mean": ("Среднее время ответа, ч", "Среднее время ответа", "Среднее время ответа (ч)",
                          "Время ответа, ч", "Время ответа"),
    "reactions": ("Реакции", "Реакций", "Лайки", "Отметки «Нравится»", "Отметки нравится", "Кол-во реакций"),
    "followers": ("Подписчики", "Подписчиков", "Число подписчиков", "Количество подписчиков", "Кол-во подписчиков",
                  "Участники"),
}  # fmt: skip
PROFILE = SourceProfile(
    code="official_pages",
    source_code=SOURCE_CODE,
    title_ru="Активность госпабликов",
    columns=COLUMNS,
    default_channel="other",
    default_kind="official_pages",
    markers=("Госпаблик", "Подписчики", "Публикации", "Комментарии"),
)
KNOWN = {name for names in COLUMNS.values() for name in names}
NETWORKS = {
    "vk": "vk", "вк": "vk", "вконтакте": "vk", "в контакте": "vk", "vkontakte": "vk", "vk.com": "vk",
    "ok": "ok", "ок": "ok", "одноклассники": "ok", "ok.ru": "ok", "odnoklassniki": "ok",
    "telegram": "telegram", "телеграм": "telegram", "телеграмм": "telegram", "tg": "telegram", "тг": "telegram",
    "t.me": "telegram",
}  # fmt: skip
URL_NETWORKS = (
    (r"(?:^|//|\.)vk\.(?:com|ru)", "vk"),
    (r"(?:^|//|\.)ok\.ru", "ok"),
    (r"(?:^|//)(?:t\.me|telegram\.me)", "telegram"),
)
# how the district's own page is named; the recipients' names and aliases come from the reference
OWNER_ALIASES = {
    "администрация района": "adm_apparatus",
    "администрация борского района": "adm_apparatus",
    "администрация муниципального района борский": "adm_apparatus",
    "администрация м.р. борский": "adm_apparatus",
    "администрация мр борский": "adm_apparatus",
}
NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def fold(values: pd.Series) -> pd.Series:
    """Lower case, «е» for «ё», no quotes, single spaces: how owners and networks compare."""
    text = clean(values).str.lower().str.replace("ё", "е", regex=False)
    return text.str.replace(r"[«»\"']+", "", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()


def numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers written the Russian way («1 234», «12,5», no-break spaces) and where a filled cell is no number."""
    text = clean(values).str.replace(" ", "", regex=False)
    readable = text.str.fullmatch(NUMBER)
    out = pd.to_numeric(text.where(readable).str.replace(",", ".", regex=False), errors="coerce")
    return out, (text != "") & ~readable


def page_key(url: pd.Series, network: pd.Series, name: pd.Series) -> pd.Series:
    """The folded address without its scheme, «www.» and closing slash; without an address, network|name."""
    address = url.str.lower().str.replace(r"^[a-z]+://", "", regex=True).str.replace(r"^www\.", "", regex=True)
    address = address.str.rstrip("/")
    return address.where(address != "", network + "|" + fold(name))


def network_of(raw: pd.Series, url: pd.Series) -> pd.Series:
    """vk, ok, telegram by the network's column, else by the address; other when neither says."""
    out = fold(raw).map(NETWORKS)
    for pattern, code in URL_NETWORKS:
        out = out.where(out.notna() | ~url.str.lower().str.contains(pattern, regex=True), code)
    return out.fillna("other")


def custom_profile(mapping: dict[str, str]) -> SourceProfile:
    """A profile from a hand mapping: field -> the file's column."""
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ImportFileError(f"Неизвестные поля госпабликов: {', '.join(sorted(unknown))}.")
    if not mapping.get("day") or not (mapping.get("page_name") or mapping.get("url")):
        raise ImportFileError("Сопоставьте хотя бы дату и название или адрес страницы.")
    return SourceProfile(
        code="official_pages:сопоставление",
        source_code=SOURCE_CODE,
        title_ru="Активность госпабликов (столбцы сопоставлены вручную)",
        columns={f: (column,) for f, column in mapping.items() if column},
        default_channel="other",
        default_kind="official_pages",
    )


@dataclass(frozen=True)
class Refs:
    places: gazetteer.Gazetteer
    owners: dict[str, str]  # folded name or alias -> recipient code
    settlement_of: dict[str, str]  # recipient code -> OKTMO of its settlement
    admin_of: dict[str, str]  # OKTMO -> the recipient code of the settlement's administration
    settlements: dict[str, str]  # folded settlement name («Подгорное», «сп Подгорное») -> OKTMO


def load_refs(store: Store) -> Refs:
    recipients = store.query("select code, name_ru, aliases, settlement_oktmo, recipient_kind from recipient")
    owners: dict[str, str] = dict(OWNER_ALIASES)
    for row in recipients.itertuples():
        for alias in [row.name_ru, *str(row.aliases or "").split("|"), row.code]:
            if alias:
                owners[fold(pd.Series([alias])).iloc[0]] = row.code
    placed = recipients[recipients["settlement_oktmo"].notna()]
    admins = placed[placed["recipient_kind"] == "settlement_admin"]
    names = store.query("select oktmo, name_ru from settlement")
    folded = fold(names["name_ru"])
    settlements = dict(zip(folded, names["oktmo"], strict=True))
    for prefix in ("сп ", "с.п. ", "сельское поселение ", "поселение "):
        settlements.update(dict(zip(prefix + folded, names["oktmo"], strict=True)))
    return Refs(
        gazetteer.build_places(store.query("select * from gazetteer")),
        owners,
        dict(zip(placed["code"], placed["settlement_oktmo"], strict=True)),
        dict(zip(admins["settlement_oktmo"], admins["code"], strict=True)),
        settlements,
    )


@dataclass(frozen=True)
class Chunk:
    rows: pd.DataFrame
    rejected: pd.DataFrame  # row_number, reason_code, reason_ru, raw_json
    skipped: pd.DataFrame  # row_number, kind


def normalize(raw: pd.DataFrame, profile: SourceProfile, refs: Refs) -> Chunk:
    """Page-day rows ready for the store, rejected rows with a Russian reason, and the rows under the table."""
    mapping = profile.match(list(raw.columns))
    c = pd.DataFrame(index=raw.index)
    for fld in FIELDS:
        c[fld] = clean(raw[mapping[fld]].astype("str")) if fld in mapping else ""
    day = parse_dates(c["day"])
    kind = footer_kind(raw[day.isna()]).reindex(raw.index)
    skip = kind.notna()
    skipped = pd.DataFrame({"row_number": raw.index[skip], "kind": kind[skip].to_numpy()})
    c, raw, day = c[~skip], raw[~skip], day[~skip]

    refused = Rejections(raw)
    take = refused.take
    take((c["page_name"] == "") & (c["url"] == ""), "no_page", "Нет ни названия, ни адреса страницы")
    take(c["day"] == "", "no_day", "Нет даты")
    take(day.isna(), "bad_date", "Неверная дата: «" + c["day"] + "»")
    values: dict[str, pd.Series] = {}
    for fld in NUMBERS:
        value, unreadable = numbers(c[fld])
        if fld in WHOLE:
            unreadable |= value.notna() & (value != value.round())
        unreadable |= value < 0
        title = label("official_page_field", fld)
        take(unreadable, "bad_number", f"Не число или отрицательное число в столбце «{title}»: «" + c[fld] + "»")
        values[fld] = value
    over = values["answered"].notna() & values["comments"].notna() & (values["answered"] > values["comments"])
    take(over, "answered_over_comments", "Ответов на комментарии больше, чем комментариев")
    rejected = refused.frame(profile)
    alive = refused.alive

    c, day = c[alive], day[alive]
    out = pd.DataFrame(index=c.index)
    out["row_number"] = c.index
    out["day"] = day.dt.date
    network = network_of(c["network"], c["url"])
    out["network"] = network
    # a page's name and its owner are names of organisations, but a hand-made sheet may put a person's name there
    name = c["page_name"].where(c["page_name"] != "", c["url"])
    out["name"] = masking.mask_series(name).fillna("").astype("str")
    out["url"] = c["url"].replace("", None)
    out["page_key"] = page_key(c["url"], network, c["page_name"])
    owner = c["owner_raw"]
    out["owner_raw"] = masking.mask_series(owner).where(owner != "", None)
    recipient = fold(owner).map(refs.owners).where(owner != "", None)
    # not a recipient: a settlement by its name, else a place of the gazetteer inside the owner's text
    named = fold(owner).map(refs.settlements).where(recipient.isna(), None)
    found = gazetteer.resolve(owner.where(recipient.isna() & named.isna(), ""), refs.places, address=True).oktmo
    found = named.where(named.notna(), found)
    settlement = recipient.map(refs.settlement_of).where(recipient.notna(), found)
    out["recipient_code"] = recipient.where(recipient.notna(), found.map(refs.admin_of))
    out["settlement_oktmo"] = settlement
    for fld in NUMBERS:
        out[fld] = values[fld][alive]
    return Chunk(out, rejected, skipped)


STAGE_COLUMNS = ("row_number", "day", "network", "name", "url", "page_key", "owner_raw", "recipient_code",
                 "settlement_oktmo", *NUMBERS)  # fmt: skip


def recognises(header: list[str]) -> bool:
    """The header holds the pages' columns: the day, and the page's name or its address."""
    found = PROFILE.match(header)
    return all(field in found for field in REQUIRED) and ("page_name" in found or "url" in found)


def import_path(store: Store, path: Path, max_bytes: int, origin: str = "cli", now: datetime | None = None):
    """Import an official pages' file on disk; see import_source."""
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
    """Read, check and write one export of the pages' activity; an unreadable file raises ImportFileError and writes
    nothing."""
    now = now or datetime.now()
    access.require(access.IMPORT, channel=SOURCE_CODE)
    profile = custom_profile(mapping) if mapping else PROFILE
    known = KNOWN if not mapping else set(mapping.values())
    stream = open_table(source, file_name, max_bytes, known=known)
    found = profile.match(stream.header)
    missing = [label("official_page_field", f) for f in REQUIRED if f not in found]
    if "page_name" not in found and "url" not in found:
        missing.append("Госпаблик или ссылка на страницу")
    if missing:
        raise ImportFileError(
            f"В файле «{file_name}» нет столбцов госпабликов: " + "; ".join(missing) + ". Ожидаются, например, "
            "«Дата», «Госпаблик», «Ссылка», «Соцсеть», «Владелец», «Публикации», «Комментарии», «Отвечено», "
            "«Подписчики». Столбцы файла: " + ", ".join(f"«{h}»" for h in stream.header[:30]) + "."
        )
    refs = load_refs(store)
    if progress:
        progress(0.05, "Файл открыт")
    number_columns = ", ".join(
        f"{n} {'bigint' if n in WHOLE else 'double'}" for n in NUMBERS
    )  # the field names are this module's constants
    with store.staging() as stage:
        stage.execute(
            "create temp table ofp_all (row_number bigint, day date, network varchar, name varchar, url varchar, "
            "page_key varchar, owner_raw varchar, recipient_code varchar, settlement_oktmo varchar, "
            f"{number_columns})"
        )
        stage.execute(
            "create temp table ofp_rej (row_number bigint, reason_code varchar, reason_ru varchar, raw_json varchar)"
        )
        stage.execute("create temp table ofp_skip (row_number bigint, kind varchar)")
        for frame in stream.chunks:
            chunk = normalize(frame, profile, refs)
            stage.append("ofp_all", chunk.rows[list(STAGE_COLUMNS)])
            stage.append("ofp_rej", chunk.rejected)
            stage.append("ofp_skip", chunk.skipped)
            if progress:
                progress(0.05 + 0.85 * stream.share_read(), "Проверяю строки")
        # a page's day twice in one file: the first row stands, a later one is refused and kept with its reason
        stage.execute(
            "create temp table ofp_ranked as select *, row_number() over "
            "(partition by page_key, day order by row_number) as repeat_n from ofp_all"
        )
        stage.execute(
            "insert into ofp_rej select row_number, 'duplicate_day', "
            "'Эта страница за этот день уже есть выше в файле', null from ofp_ranked where repeat_n > 1"
        )
        stage.execute("create temp table ofp_keyed as select * exclude (repeat_n) from ofp_ranked where repeat_n = 1")
        kept = int(stage.scalar("select count(*) from ofp_keyed"))
        rejected_n = int(stage.scalar("select count(*) from ofp_rej"))
        if kept == 0 and rejected_n == 0:
            raise ImportFileError(f"В файле «{file_name}» нет ни одной строки с активностью страниц под заголовком.")
        reasons = stage.query("select reason_code, count(*) n from ofp_rej group by 1 order by n desc, 1")
        skipped = stage.query("select kind, count(*) n from ofp_skip group by 1 order by n desc, 1")
        skip_counts = dict(zip(skipped["kind"], skipped["n"].astype(int), strict=True))
        if stream.blank_rows:
            skip_counts["blank"] = skip_counts.get("blank", 0) + stream.blank_rows
        unowned = stage.query(
            """
            with pages as (
                select page_key, arg_min(owner_raw, row_number) as owner_raw,
                       arg_min(recipient_code, row_number) as recipient_code
                from ofp_keyed
                group by page_key
            )
            select coalesce(owner_raw, '') as owner_raw, count(*) as n
            from pages
            where recipient_code is null
            group by 1
            order by n desc, 1
            """
        )
        rows_skipped = sum(skip_counts.values())
        with stage.transaction() as tx:
            batch_id = int(
                tx.scalar(
                    "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status, "
                    "origin) values (?, ?, ?, ?, ?, 'running', ?) returning batch_id",
                    [SOURCE_CODE, profile.code, file_name, digest(source), now, origin],
                )
            )
            # a page takes its name, network and owner from its first row in the first file that names it
            new_pages = int(
                tx.scalar(
                    "select count(distinct page_key) from ofp_keyed s "
                    "where not exists (select 1 from official_page p where p.page_key = s.page_key)"
                )
            )
            tx.execute(
                """
                insert into official_page (page_key, network, name, url, owner_raw, recipient_code, settlement_oktmo,
                                           batch_id)
                select page_key,
                       arg_min(network, row_number),
                       arg_min(name, row_number),
                       arg_min(url, row_number),
                       arg_min(owner_raw, row_number),
                       arg_min(recipient_code, row_number),
                       arg_min(settlement_oktmo, row_number),
                       ?
                from ofp_keyed s
                where not exists (select 1 from official_page p where p.page_key = s.page_key)
                group by page_key
                order by min(row_number)
                """,
                [batch_id],
            )
            new = int(
                tx.scalar(
                    "select count(*) from ofp_keyed s join official_page p using (page_key) "
                    "where not exists (select 1 from official_page_day d where d.page_id = p.page_id and d.day = s.day)"
                )
            )
            tx.execute(
                f"""
                insert into official_page_day (page_id, day, batch_id, {", ".join(NUMBERS)})
                select p.page_id, s.day, ?, {", ".join(f"s.{n}" for n in NUMBERS)}
                from ofp_keyed s
                join official_page p using (page_key)
                where not exists (select 1 from official_page_day d where d.page_id = p.page_id and d.day = s.day)
                order by s.row_number
                """,
                [batch_id],
            )
            tx.execute(
                "insert into rejected_row (batch_id, row_number, raw_json, reason_ru, reason_code) "
                "select ?, row_number, coalesce(raw_json, '{}'), reason_ru, reason_code from ofp_rej",
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
                warnings=tuple(_warnings(unowned, new_pages)),
            )
            if not report.adds_up:
                raise RuntimeError(f"Счёт строк госпабликов не сходится: {report}")
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
                    int(unowned["n"].sum()) if len(unowned) else 0,
                    json.dumps(report.as_dict(), ensure_ascii=False, default=str),
                    batch_id,
                ],
            )
            audit.record(
                store,
                "import",
                f"загрузка №{batch_id}",
                f"{file_name}: госпаблики, новых страниц {new_pages}, новых дней {report.rows_new}, "
                f"отклонено {report.rows_rejected}",
                tx=tx,
            )
    if progress:
        progress(1.0, "Готово")
    return report


def _warnings(unowned: pd.DataFrame, new_pages: int) -> list[str]:
    if unowned.empty:
        return []
    named = ", ".join(f"«{r.owner_raw or 'не указан'}» ({fmt_int(r.n)})" for r in unowned.head(5).itertuples())
    n = int(unowned["n"].sum())
    return [
        f"У {fmt_int(n)} {plural(n, 'страницы', 'страниц', 'страниц')} владелец не найден в справочнике получателей и поселений: {named}. "
        "Строки загружены, страницы показаны как «владелец не определён»."
    ]


def looks_like_official_pages(header: list[str]) -> bool:
    """A header with a page and its followers or posts: the import page offers the pages' import for it."""
    keys = {header_key(h) for h in header}

    def has(field: str) -> bool:
        return any(header_key(n) in keys for n in COLUMNS[field])

    return (has("page_name") or has("url")) and (has("followers") or has("posts"))
