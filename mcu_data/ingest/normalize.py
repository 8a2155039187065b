"""From a source's canonical columns to appeal rows: parse, map codes, mask, place, theme, deadline."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mcu_data.ingest import gazetteer, masking
from mcu_data.ingest import rules as rules_mod
from mcu_data.ingest.classifier import ThemeModel
from mcu_data.ingest.profiles import (
    AUTHOR_VALUES,
    CANONICAL_FIELDS,
    CHANNEL_VALUES,
    DATE_FIELDS,
    OUTCOME_VALUES,
    STATUS_VALUES,
    YES_VALUES,
    SourceProfile,
)
from mcu_data.ingest.text_analysis import text_columns

DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%y",
)
CHUNK_ROWS = 20_000
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")
ORGANISATION = re.compile(r"\b(?:ооо|оао|зао|пао|ао|ип|муп|гуп|мбу|мку|гбу|тсж|снт|кфх)\b", re.IGNORECASE)
FIELD_TITLES = {
    "received_at": "дата поступления",
    "registered_at": "дата регистрации",
    "due_at": "срок ответа",
    "extended_due_at": "продлённый срок",
    "first_reaction_at": "дата первой реакции",
    "first_answer_at": "дата ответа",
    "closed_at": "дата закрытия",
}


@dataclass(frozen=True)
class References:
    """Reference tables the normalisation reads, as loaded from the store."""

    rubric_map: pd.DataFrame
    keywords: pd.DataFrame
    places: gazetteer.Gazetteer
    recipients: pd.DataFrame
    rules: pd.DataFrame
    model: ThemeModel | None = None
    boundaries: object | None = None  # a GeoDataFrame of real settlement polygons, when a user loaded one


def parse_dates(values: pd.Series) -> pd.Series:
    """DD.MM.YYYY, with or without time, ISO, or an Excel serial number; NaT where none fits."""
    text = values.fillna("").astype("str").str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    for fmt in DATE_FORMATS:
        todo = out.isna() & (text != "")
        if not todo.any():
            break
        out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    serial = out.isna() & text.str.match(EXCEL_SERIAL)
    if serial.any():
        days = text[serial].str.replace(",", ".").astype(float)
        out[serial] = EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
    return out


def _lookup(values: pd.Series, table: dict[str, str]) -> pd.Series:
    key = values.fillna("").astype("str").str.strip().str.lower().str.replace("ё", "е")
    folded = {k.replace("ё", "е"): v for k, v in table.items()}
    return key.map(folded)


def _recipient_codes(raw: pd.Series, recipients: pd.DataFrame) -> pd.Series:
    names: dict[str, str] = {}
    for row in recipients.itertuples():
        for alias in [row.name_ru, *(str(row.aliases or "").split("|"))]:
            if alias:
                names[alias.strip().lower()] = row.code
    return raw.fillna("").astype("str").str.strip().str.lower().map(names)


def _reject(rejects: list[pd.DataFrame], frame: pd.DataFrame, mask: pd.Series, reason: str | pd.Series) -> pd.Series:
    """Move the masked rows to the rejects with their reason; returns the rows still alive."""
    if mask.any():
        part = pd.DataFrame(
            {"row_number": frame.index[mask], "reason_ru": reason if isinstance(reason, str) else reason[mask]}
        )
        rejects.append(part)
    return ~mask


def normalize(
    canon: pd.DataFrame,
    raw: pd.DataFrame,
    profile: SourceProfile,
    refs: References,
    progress: Callable[[float], None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Appeal rows ready for the store, and rejected rows with a Russian reason each."""
    rejects: list[pd.DataFrame] = []
    alive = pd.Series(True, index=canon.index)
    c = canon.apply(lambda s: s.str.strip())

    alive &= _reject(rejects, c, alive & (c["source_id"] == ""), "Нет номера обращения в источнике")
    alive &= _reject(rejects, c, alive & (c["received_at"] == ""), "Нет даты поступления")
    dates = {}
    for fld in DATE_FIELDS:
        dates[fld] = parse_dates(c[fld])
        bad = alive & (c[fld] != "") & dates[fld].isna()
        reason = "Неверная " + FIELD_TITLES[fld] + ": «" + c[fld] + "»"
        alive &= _reject(rejects, c, bad, reason)
    status = _lookup(c["status_raw"], STATUS_VALUES)
    bad = alive & (c["status_raw"] != "") & status.isna()
    alive &= _reject(
        rejects, c, bad, "Неизвестный статус «" + c["status_raw"] + "»: добавьте его в справочник статусов"
    )
    outcome = _lookup(c["outcome_raw"], OUTCOME_VALUES)
    bad = alive & (c["outcome_raw"] != "") & outcome.isna()
    alive &= _reject(
        rejects, c, bad, "Неизвестный результат «" + c["outcome_raw"] + "»: добавьте его в справочник результатов"
    )
    lat = pd.to_numeric(c["lat"].str.replace(",", "."), errors="coerce")
    lon = pd.to_numeric(c["lon"].str.replace(",", "."), errors="coerce")
    bad = alive & (((c["lat"] != "") & ~lat.between(-90, 90)) | ((c["lon"] != "") & ~lon.between(-180, 180)))
    alive &= _reject(rejects, c, bad, "Неверные координаты")
    sat = pd.to_numeric(c["satisfaction_raw"], errors="coerce")
    bad = alive & (c["satisfaction_raw"] != "") & ~sat.between(1, 5)
    alive &= _reject(rejects, c, bad, "Оценка заявителя должна быть от 1 до 5: «" + c["satisfaction_raw"] + "»")
    # one appeal per source id: a later row of the same file carries its later state
    dup = alive & c["source_id"].where(alive).duplicated(keep="last")
    alive &= _reject(rejects, c, dup, "Номер повторяется в файле ниже: строка заменена более поздней")

    c = c[alive]
    out = pd.DataFrame(index=c.index)
    out["source_code"] = profile.source_code
    out["source_id"] = c["source_id"]
    out["channel_code"] = _lookup(c["channel_raw"], CHANNEL_VALUES).fillna(profile.default_channel)
    fz_flag = c["kind_raw"].str.lower().isin(YES_VALUES)
    out["kind_code"] = np.where(fz_flag | (profile.default_kind == "appeal_59fz"), "appeal_59fz", "message")
    for fld in DATE_FIELDS:
        out[fld] = dates[fld][alive]
    first_answer = out["first_answer_at"]
    default_status = np.where(first_answer.notna(), "answered", "in_progress")
    out["status_code"] = status[alive].fillna(pd.Series(default_status, index=c.index))
    out["outcome_code"] = outcome[alive].where(outcome[alive].notna(), None)
    # a redirect is an outcome too, where the source marks it only as a status
    redirect_only = (out["status_code"] == "redirected") & out["outcome_code"].isna()
    out.loc[redirect_only, "outcome_code"] = "redirected"

    rubric_full = np.where(
        (c["rubric_group"] != "") & (c["rubric"] != ""),
        c["rubric_group"] + " / " + c["rubric"],
        np.where(c["rubric"] != "", c["rubric"], c["rubric_group"]),
    )
    rubric_full = pd.Series(rubric_full, index=c.index).replace("", None)
    parts = []
    for first in range(0, len(c), CHUNK_ROWS):
        parts.append(_text_steps(c.iloc[first : first + CHUNK_ROWS], rubric_full, profile, refs))
        if progress is not None:
            progress(min(1.0, (first + CHUNK_ROWS) / max(len(c), 1)))
    text_cols = pd.concat(parts) if parts else _text_steps(c, rubric_full, profile, refs)
    for column in text_cols.columns:
        out[column] = text_cols[column]

    out["lat"] = lat[alive]
    out["lon"] = lon[alive]
    if refs.boundaries is not None:
        from geo.boundaries import place_points

        # a point inside a real boundary beats a name in the text, but not the address the source gave
        placed = place_points(out["lat"], out["lon"], refs.boundaries)
        use = placed.notna() & (out["settlement_provenance"] != "mapped")
        out.loc[use, "settlement_oktmo"] = placed[use]
        out.loc[use, "settlement_provenance"] = "mapped"
        out.loc[use, "settlement_confidence"] = 0.95
    out["recipient_code"] = _recipient_codes(c["recipient_raw"], refs.recipients)
    out["recipient_raw"] = c["recipient_raw"].replace("", None)
    author = _lookup(c["author_raw"], AUTHOR_VALUES)
    named = c["author_name"] != ""
    from_name = np.where(c["author_name"].str.contains(ORGANISATION), "organisation", np.where(named, "citizen", None))
    anonymous_by_blank = (profile.columns.get("author_name") is not None) & ~named
    out["author_type"] = author.fillna(pd.Series(from_name, index=c.index)).fillna("citizen")
    out.loc[anonymous_by_blank & author.isna(), "author_type"] = "anonymous"
    out["is_collective"] = c["collective_raw"].str.lower().isin(YES_VALUES)
    out["is_repeat"] = c["repeat_raw"].str.lower().isin(YES_VALUES)
    out["satisfaction"] = sat[alive].astype("Int16")
    _apply_rules(out, refs.rules)
    # the hash is of what the source said, not of what was derived from it: a row the source did not
    # change stays unchanged even when the classifier or the references have learned since
    out["content_hash"] = pd.util.hash_pandas_object(c[list(CANONICAL_FIELDS)], index=False).astype("str")
    out["row_number"] = out.index

    rejected = pd.concat(rejects) if rejects else pd.DataFrame(columns=["row_number", "reason_ru"])
    if not rejected.empty:
        raw_rows = masked_raw(raw.loc[rejected["row_number"]], profile)
        rejected = rejected.assign(
            raw_json=[json.dumps(r, ensure_ascii=False) for r in raw_rows.to_dict(orient="records")]
        )
    else:
        rejected["raw_json"] = []
    return out.reset_index(drop=True), rejected.reset_index(drop=True)


def _text_steps(c: pd.DataFrame, rubric_full: pd.Series, profile: SourceProfile, refs: References) -> pd.DataFrame:
    """The costly per-text work, done in chunks so that an import can report its progress."""
    rubric = rubric_full.loc[c.index]
    return text_columns(c["text"], c["address"], rubric, c["rubric_group"], profile.source_code, refs)


def masked_raw(rows: pd.DataFrame, profile: SourceProfile) -> pd.DataFrame:
    """A rejected row keeps its values, but never a private person's data: it is stored too."""
    mapping = profile.match(list(rows.columns))
    out = rows.apply(lambda col: masking.mask_series(col).fillna(""))
    if "author_name" in mapping:
        name_col = mapping["author_name"]
        is_org = rows[name_col].str.contains(ORGANISATION)
        out[name_col] = rows[name_col].where(is_org | (rows[name_col] == ""), masking.MASK_NAME)
    if "address" in mapping:
        out[mapping["address"]] = masking.strip_house(rows[mapping["address"]]).fillna("")
    return out


def _apply_rules(out: pd.DataFrame, rules: pd.DataFrame) -> None:
    """Where the source gives no deadline, the rule version in force at registration sets one, and says which."""
    out["due_rule_id"] = pd.array([None] * len(out), dtype="Int32")
    if not len(out):
        return
    source = out["source_code"].iloc[0]
    start = out["registered_at"].where(out["registered_at"].notna(), out["received_at"])
    rule_ids = rules_mod.pick(rules, source, "answer", out["theme_code"], start)
    missing = out["due_at"].isna() & rule_ids.notna()
    if missing.any():
        out.loc[missing, "due_at"] = rules_mod.due_by_rules(rules, rule_ids[missing], start[missing])
        out.loc[missing, "due_rule_id"] = rule_ids[missing].astype("Int32")
