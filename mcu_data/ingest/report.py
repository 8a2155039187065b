"""What one import did, in numbers that add up and in Russian sentences: the page, the CLI, the API and the inbox
all say it with these words."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from mcu_data.core.locale import fmt_int, fmt_pct, label, plural

KEPT_AT_LEAST = 0.5  # a file keeping fewer of its data rows than this is a warning, and the CLI exits non-zero


@dataclass(frozen=True)
class ImportReport:
    """Counts of one import: read = new + updated + unchanged + replaced + rejected + skipped.

    Replaced rows are earlier rows of an id that repeats lower in the file (the last one wins); skipped rows are
    blank lines, totals and signatures under the table, which are not data.
    """

    batch_id: int
    source_code: str
    profile: str
    file_name: str
    rows_read: int
    rows_new: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    header_row: int
    encoding: str
    rows_replaced: int = 0
    rows_skipped: int = 0
    rows_flagged: int = 0  # kept, with a receipt date in the future or before 2000
    rows_unrecognised: int = 0  # kept, with a status, outcome or channel no value map knows
    sheet: str | None = None
    origin: str = "page"
    unused_columns: tuple[str, ...] = ()
    reasons: tuple[tuple[str, int], ...] = ()  # rejection reason code, rows; most frequent first
    skipped_kinds: tuple[tuple[str, int], ...] = ()
    unrecognised: tuple[tuple[str, str, int], ...] = ()  # field, raw value, rows
    warnings: tuple[str, ...] = ()
    replaced: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # (row, the row that replaced it)

    @property
    def adds_up(self) -> bool:
        return self.rows_read == (
            self.rows_new + self.rows_updated + self.rows_unchanged + self.rows_replaced + self.rows_rejected
            + self.rows_skipped
        )  # fmt: skip

    @property
    def data_rows(self) -> int:
        return self.rows_read - self.rows_skipped

    @property
    def rows_kept(self) -> int:
        """Rows whose appeal is in the store: written now, unchanged, or superseded by a later row of the file."""
        return self.rows_new + self.rows_updated + self.rows_unchanged + self.rows_replaced

    @property
    def mostly_rejected(self) -> bool:
        """Fewer than half of the data rows kept: the file probably is not what its profile expects."""
        return self.data_rows > 0 and self.rows_kept < KEPT_AT_LEAST * self.data_rows

    def as_dict(self) -> dict:
        """The report as JSON for the API and the inbox's report file; `from_dict` reads it back."""
        out = asdict(self)
        out["replaced"] = [list(p) for p in self.replaced[:1000]]
        out.update(
            adds_up=self.adds_up,
            rows_kept=self.rows_kept,
            mostly_rejected=self.mostly_rejected,
            summary=summary(self),
            details=details(self),
            all_warnings=warnings_for(self),
        )
        return out

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        def tuples(value):
            return tuple(tuples(v) for v in value) if isinstance(value, list) else value

        names = {f.name for f in fields(cls)}
        return cls(**{k: tuples(v) for k, v in data.items() if k in names})


def summary(report: ImportReport) -> str:
    """One paragraph: where the rows of the file went."""
    parts = [
        f"новых {fmt_int(report.rows_new)}",
        f"обновлено {fmt_int(report.rows_updated)}",
        f"без изменений {fmt_int(report.rows_unchanged)}",
    ]
    if report.rows_replaced:
        parts.append(f"заменено более поздней строкой того же номера {fmt_int(report.rows_replaced)}")
    parts.append(f"отклонено {fmt_int(report.rows_rejected)}")
    if report.rows_skipped:
        parts.append(f"пропущено строк не с данными {fmt_int(report.rows_skipped)}")
    return (
        f"{report.file_name} — {label('source', report.source_code)}, загрузка № {report.batch_id}. "
        f"Прочитано строк: {fmt_int(report.rows_read)}; " + ", ".join(parts) + "."
    )


def details(report: ImportReport) -> list[str]:
    """The lines under the summary: flags, unknown values, reasons, unused columns."""
    lines = []
    if report.rows_flagged:
        lines.append(
            f"Отмечено {fmt_int(report.rows_flagged)} {plural(report.rows_flagged, 'строка', 'строки', 'строк')} "
            "с подозрительной датой поступления (в будущем или раньше 2000 года): они загружены, проверьте их "
            "на странице «Проверка данных»."
        )
    if report.unrecognised:
        values = "; ".join(f"{label('value_field', f)} «{v}» — {fmt_int(n)}" for f, v, n in report.unrecognised[:10])
        lines.append(
            f"Не распознаны значения в {fmt_int(report.rows_unrecognised)} "
            f"{plural(report.rows_unrecognised, 'строке', 'строках', 'строках')}: {values}. Строки загружены; "
            "укажите, что значат эти значения, на странице «Проверка данных» — справочник запомнит."
        )
    if report.reasons:
        top = "; ".join(f"{label('reject_reason', c)} — {fmt_int(n)}" for c, n in report.reasons[:5])
        lines.append(f"Причины отклонения: {top}. Отклонённые строки с причинами — в журнале загрузок.")
    if report.skipped_kinds:
        kinds = "; ".join(f"{label('skip_kind', c)} — {fmt_int(n)}" for c, n in report.skipped_kinds)
        lines.append(f"Пропущены строки, которые не являются данными: {kinds}.")
    if report.unused_columns:
        lines.append("Не использованы столбцы: " + ", ".join(f"«{c}»" for c in report.unused_columns) + ".")
    return lines


def warnings_for(report: ImportReport) -> list[str]:
    """Everything the officer should look at before trusting the load, the gravest first."""
    out = []
    if report.mostly_rejected:
        share = report.rows_kept / report.data_rows
        out.append(
            f"Загружено меньше половины строк файла ({fmt_int(report.rows_kept)} из {fmt_int(report.data_rows)}, "
            f"{fmt_pct(share, 0)}). Проверьте, тот ли источник выбран и те ли столбцы сопоставлены."
        )
    return out + list(report.warnings)
