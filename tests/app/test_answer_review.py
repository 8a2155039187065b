"""«Проверка данных» → «Вероятные отписки»: the flagged answers with question, answer and reasons in Russian,
and the officer's confirm / reject through the page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mcu_data.store import Store
from tests.app.conftest import new_app
from tests.store.test_answers import A_LAMPS_MASKED, A_ROAD, Q_LAMPS, Q_ROAD, book, pos_row

ROOT = Path(__file__).resolve().parents[2]
REVIEW_PAGE = str(ROOT / "pages" / "review.py")
# after the sample's last day, so that the two hand-made flags come first among the strongest
LATE = datetime(2026, 11, 27, 9, 0)


def _load_two_flags(path: str) -> dict[str, int]:
    from mcu_data import access
    from mcu_data.ingest.loader import import_bytes

    store = Store(Path(path))
    with access.acting(access.SYSTEM):
        import_bytes(
            store,
            book(
                pos_row("9901", Q_LAMPS, "Решено", A_LAMPS_MASKED.replace("[телефон]", "2-12-34"), LATE),
                pos_row("9902", Q_ROAD, "Разъяснено", A_ROAD, LATE),
            ),
            "answers.xlsx",
        )
    ids = dict(store.rows("select source_id, appeal_id from appeal where source_id in ('9901', '9902')"))
    store.close()
    return ids


def _run(**state):
    at = new_app(REVIEW_PAGE)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_flagged_answers_are_listed_with_their_reasons_and_rejecting_one_counts_it_again(sample_env):
    ids = _load_two_flags(sample_env)
    at = _run()
    tab = next(t for t in at.tabs if t.label.startswith("Вероятные отписки"))
    texts = [m.value for m in tab.markdown]
    shown = [t.value for t in tab.text]
    for source_id in ("9901", "9902"):
        assert any(v.startswith(f"**№ {ids[source_id]} · ПОС {source_id} · 27.11.2026") for v in texts)
    assert Q_ROAD in shown and A_ROAD in shown and A_LAMPS_MASKED in shown
    assert texts.count("**Почему похоже на отписку:** Обещание без срока") >= 2
    assert "Результат в выгрузке: Разъяснено" in texts

    at.text_input(key=f"rev_ans_comment_{ids['9902']}").input("срок есть в графике")
    at.button(key=f"rev_ans_reject_{ids['9902']}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(f"Решение по обращению № {ids['9902']} сохранено" in s.value for s in at.success)
    from mcu_data.app import caches

    store = caches.get_store()
    assert store.rows("select verdict, login, comment from answer_decision where appeal_id = ?", [ids["9902"]]) == [
        ("rejected", "curator", "срок есть в графике")
    ]
    assert not any(f"rev_ans_reject_{ids['9902']}" == b.key for b in at.button)  # it left the queue
    decided = next(df.value for df in at.dataframe if "Решение" in df.value.columns)
    assert decided.iloc[0]["№"] == ids["9902"] and decided.iloc[0]["Решение"] == "отметка отклонена"


def test_a_sector_leader_decides_only_within_the_themes_of_the_block(sample_env):
    from mcu_data import access

    ids = _load_two_flags(sample_env)
    store = Store(Path(sample_env))
    theme = store.scalar("select theme_code from appeal where appeal_id = ?", [ids["9901"]])
    store.close()
    other = "culture" if theme != "culture" else "roads"
    for themes, sees in (((theme,), True), ((other,), False)):
        lead = access.User("lead", "Зам. Главы по ЖКХ", "sector_leader", block="deputy_housing", themes=themes)
        at = new_app(REVIEW_PAGE, lead)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        tab = next(t for t in at.tabs if t.label.startswith("Вероятные отписки"))
        assert any("ПОС 9901 · 27.11.2026" in m.value for m in tab.markdown) is sees, themes
