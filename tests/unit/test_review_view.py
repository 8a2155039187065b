"""What an edited table of unknown values asks to remember: a choice of another field's value is refused."""

from __future__ import annotations

import pandas as pd

from mcu_data.app.views import review as view_of


class FakeSource:
    """The two reads build_values makes, with a hand-written queue."""

    def unknown_values(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "source_code": ["pos", "im"],
                "field": ["status", "channel"],
                "value_key": ["ответ отправлен", "дзен"],
                "raw_value": ["Ответ отправлен", "Дзен"],
                "appeals": [3, 1],
                "first_at": pd.to_datetime(["2026-11-02 10:00", "2026-11-20 09:00"]),
                "last_at": pd.to_datetime(["2026-11-25 10:00", "2026-11-20 09:00"]),
            }
        )

    def value_codes(self) -> dict[str, list[str]]:
        return {"status": ["answered", "closed"], "outcome": ["solved"], "channel": ["media", "other"]}

    def flagged_dates(self, limit: int = 200) -> pd.DataFrame:
        return pd.DataFrame(columns=["appeal_id", "source_code", "source_id", "received_at", "date_flag"])

    def flagged_count(self) -> int:
        return 0


def test_choices_become_teachings_and_a_wrong_field_is_explained():
    view = view_of.build_values(FakeSource())
    assert list(view.table["Последнее"]) == ["25.11.2026 10:00", "20.11.2026 09:00"]
    edited = view.table.copy()
    edited.loc[0, view_of.MEANS_COLUMN] = "Статус: Дан ответ"
    edited.loc[1, view_of.MEANS_COLUMN] = "Статус: Закрыто"  # a status offered for a channel value
    wanted, problems = view_of.teachings(view, edited)
    assert wanted == [(view_of.Teaching("pos", "status", "Ответ отправлен", "answered"), False)]
    assert len(problems) == 1 and "«Дзен» — это канал" in problems[0]
    edited.loc[1, view_of.MEANS_COLUMN] = "Канал: СМИ"
    edited.loc[1, "Для всех каналов"] = True
    wanted, problems = view_of.teachings(view, edited)
    assert wanted[1] == (view_of.Teaching("im", "channel", "Дзен", "media"), True) and problems == []


def test_nothing_chosen_asks_for_nothing():
    view = view_of.build_values(FakeSource())
    assert view_of.teachings(view, view.table) == ([], [])
