"""Data contracts on the sample store: unique ids, no null keys, every code in its reference table."""

import pytest

from mcu_data.store import Store

# (column, reference table, reference key); null allowed where the source may not know
CODE_CONTRACTS = [
    ("source_code", "ref_source", "code", False),
    ("channel_code", "ref_channel", "code", False),
    ("kind_code", "ref_kind", "code", False),
    ("status_code", "ref_status", "code", False),
    ("outcome_code", "ref_outcome", "code", True),
    ("theme_code", "theme", "code", False),
    ("settlement_oktmo", "settlement", "oktmo", True),
    ("recipient_code", "recipient", "code", True),
    ("author_type", "ref_author_type", "code", False),
    ("theme_provenance", "ref_provenance", "code", False),
    ("settlement_provenance", "ref_provenance", "code", True),
]


def test_appeals_loaded(store: Store):
    assert store.scalar("select count(*) from appeal") > 7000


def test_ids_unique(store: Store):
    assert store.scalar("select count(*) - count(distinct appeal_id) from appeal") == 0
    assert (
        store.scalar(
            "select count(*) from (select source_code, source_id from appeal group by all having count(*) > 1)"
        )
        == 0
    )


@pytest.mark.parametrize(
    "column",
    [
        "appeal_id",
        "source_code",
        "source_id",
        "received_at",
        "status_code",
        "theme_code",
        "batch_id",
        "content_hash",
        "theme_provenance",
    ],
)
def test_no_null_keys(store: Store, column: str):
    assert store.scalar(f"select count(*) from appeal where {column} is null") == 0


@pytest.mark.parametrize(("column", "table", "key", "nullable"), CODE_CONTRACTS, ids=[c[0] for c in CODE_CONTRACTS])
def test_codes_within_reference_tables(store: Store, column, table, key, nullable):
    orphans = store.scalar(
        f"select count(*) from appeal a where a.{column} is not null "
        f"and not exists (select 1 from {table} r where r.{key} = a.{column})"
    )
    assert orphans == 0
    if not nullable:
        assert store.scalar(f"select count(*) from appeal where {column} is null") == 0


def test_reference_integrity(store: Store):
    assert store.scalar("select count(*) from settlement") == 13
    assert store.scalar("select sum(population_2021) from settlement") == 22886
    assert store.scalar("select count(*) from theme where is_social") == 15
    assert store.scalar("select count(*) from theme where code in ('economy', 'other')") == 2
    assert (
        store.scalar(
            "select count(*) from theme t where block_code is not null and not exists "
            "(select 1 from sector_block b where b.code = t.block_code)"
        )
        == 0
    )
    assert (
        store.scalar(
            "select count(*) from sector_block b where not exists "
            "(select 1 from sector_leader l where l.code = b.leader_code)"
        )
        == 0
    )
    assert (
        store.scalar(
            "select count(*) from gazetteer g where not exists "
            "(select 1 from settlement s where s.oktmo = g.settlement_oktmo)"
        )
        == 0
    )
    assert (
        store.scalar(
            "select count(*) from rubric_map m where not exists (select 1 from theme t where t.code = m.theme_code)"
        )
        == 0
    )
    # only verified points are presented as coordinates of a settlement centre
    assert store.scalar("select count(*) from settlement where coord_verified and lat is null") == 0
    assert store.scalar("select count(*) from settlement where coord_verified") == 2


def test_answered_is_never_solved_in_data(store: Store):
    assert store.scalar("select count(*) from ref_outcome where outcome_group = 'fixed'") == 1
    assert (
        store.scalar(
            "select count(*) from appeal a join ref_outcome o on o.code = a.outcome_code "
            "where o.outcome_group = 'fixed' and a.outcome_code <> 'solved'"
        )
        == 0
    )


def test_confidences_and_lifecycle_are_sane(store: Store):
    assert store.scalar("select count(*) from appeal where theme_confidence not between 0 and 1") == 0
    assert store.scalar("select count(*) from appeal where settlement_confidence not between 0 and 1") == 0
    assert store.scalar("select count(*) from appeal where satisfaction not between 1 and 5") == 0
    assert store.scalar("select count(*) from appeal where first_answer_at < received_at") == 0
    assert store.scalar("select count(*) from appeal where due_at is null") == 0
    assert (
        store.scalar("select count(*) from appeal where (settlement_oktmo is null) <> (settlement_provenance is null)")
        == 0
    )


def test_every_appeal_has_status_history(store: Store):
    assert (
        store.scalar(
            "select count(*) from appeal a where not exists "
            "(select 1 from appeal_status_history h where h.appeal_id = a.appeal_id)"
        )
        == 0
    )
