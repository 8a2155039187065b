"""Deadline rules: one place that picks the rule version for each appeal, and edits that make new versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import deadlines
from mcu_data.store import Store

STAGES = ("register", "redirect", "answer", "first_reaction", "extension")
MAX_AMOUNT = {"calendar_days": 365, "working_days": 250, "working_hours": 2000}


class RuleError(ValueError):
    """An edit that cannot become a rule; the message is in Russian."""


def pick(rules: pd.DataFrame, source: str, stage: str, themes: pd.Series, starts: pd.Series) -> pd.Series:
    """The rule_id that governs each appeal: its channel's rule for the stage, a theme's own rule first,
    the latest version whose valid_from is not after the appeal's start; NaN where none applies."""
    own = rules[(rules["source_code"] == source) & (rules["stage"] == stage)]
    result = pd.Series(np.nan, index=starts.index)
    if own.empty:
        return result
    start_days = pd.to_datetime(starts).dt.normalize()
    # general rules first, then theme rules on top; later valid_from overrides earlier
    ordered = own.assign(specific=own["theme_code"].notna()).sort_values(["specific", "valid_from", "version"])
    for rule in ordered.itertuples():
        applies = start_days >= pd.Timestamp(rule.valid_from)
        if isinstance(rule.theme_code, str):
            applies &= themes == rule.theme_code
        result[applies] = rule.rule_id
    return result


def due_by_rules(rules: pd.DataFrame, rule_ids: pd.Series, starts: pd.Series) -> pd.Series:
    """Deadline of each appeal under its rule."""
    out = pd.Series(pd.NaT, index=starts.index, dtype="datetime64[us]")
    for rule_id, group in rule_ids.dropna().groupby(rule_ids.dropna()):
        rule = rules.set_index("rule_id").loc[int(rule_id)]
        out[group.index] = deadlines.due_dates(starts[group.index], int(rule["amount"]), rule["unit"])
    return out


@dataclass(frozen=True)
class RuleChange:
    rule_id: int
    version: int
    valid_from: date


def change(
    store: Store,
    source_code: str,
    stage: str,
    amount: int,
    unit: str,
    basis_ru: str,
    theme_code: str | None = None,
    valid_from: date | None = None,
    verified: bool = False,
    now: datetime | None = None,
) -> RuleChange:
    """A new version of a rule; it governs appeals registered from valid_from on, older ones keep theirs."""
    access.require(access.EDIT_RULES)
    if stage not in STAGES:
        raise RuleError(f"Неизвестный этап: {stage}")
    if unit not in deadlines.UNITS:
        raise RuleError(f"Неизвестная единица срока: {unit}")
    if not 1 <= int(amount) <= MAX_AMOUNT[unit]:
        raise RuleError(f"Срок должен быть от 1 до {MAX_AMOUNT[unit]}.")
    if not basis_ru.strip():
        raise RuleError("Укажите основание: документ или договорённость, по которой меняется срок.")
    now = now or datetime.now()
    valid_from = valid_from or now.date()
    with store.transaction() as tx:
        if not tx.scalar("select count(*) from ref_source where code = ?", [source_code]):
            raise RuleError(f"Неизвестный канал: {source_code}")
        if theme_code is not None and not tx.scalar("select count(*) from theme where code = ?", [theme_code]):
            raise RuleError(f"Неизвестная тема: {theme_code}")
        version = int(
            tx.scalar(
                "select coalesce(max(version), 0) + 1 from deadline_rule where source_code = ? and stage = ? "
                "and theme_code is not distinct from ?",
                [source_code, stage, theme_code],
            )
        )
        rule_id = int(tx.scalar("select coalesce(max(rule_id), 0) + 1 from deadline_rule"))
        tx.execute(
            "insert into deadline_rule (rule_id, source_code, theme_code, stage, amount, unit, verified, basis_ru, "
            "valid_from, version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                rule_id,
                source_code,
                theme_code,
                stage,
                int(amount),
                unit,
                verified,
                basis_ru.strip(),
                valid_from,
                version,
                now,
            ],
        )
        audit.record(
            store,
            "rule_changed",
            f"{source_code}/{stage}" + (f"/{theme_code}" if theme_code else ""),
            f"{int(amount)} {unit} с {valid_from:%d.%m.%Y}, версия {version}; {basis_ru.strip()}",
            now=now,
            tx=tx,
        )
    return RuleChange(rule_id, version, valid_from)


def current(store: Store) -> pd.DataFrame:
    """The latest version of each rule, as the settings page lists them."""
    return store.query(
        """
        select * from deadline_rule
        qualify row_number() over (
            partition by source_code, stage, theme_code order by valid_from desc, version desc) = 1
        order by source_code, stage, theme_code nulls first
        """
    )
