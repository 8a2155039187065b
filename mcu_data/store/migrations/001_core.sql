-- Core schema: reference tables, import batches, appeals and their history.
-- Codes are stable English identifiers; Russian labels live in mcu_data/locale.py
-- for fixed enumerations and in the name_ru columns for user-editable references.

-- fixed enumerations, kept as tables so contracts can check codes against them
create table ref_source (
    code varchar primary key,
    sort_order integer not null
);
create table ref_channel (
    code varchar primary key,
    sort_order integer not null
);
create table ref_kind (
    code varchar primary key
);
create table ref_status (
    code varchar primary key,
    status_group varchar not null,
    sort_order integer not null
);
create table ref_outcome (
    code varchar primary key,
    outcome_group varchar not null,
    sort_order integer not null
);
create table ref_author_type (
    code varchar primary key
);
create table ref_provenance (
    code varchar primary key
);

-- user-editable references
create table sector_leader (
    code varchar primary key,
    position_ru varchar not null,
    short_ru varchar not null
);
create table sector_block (
    code varchar primary key,
    name_ru varchar not null,
    leader_code varchar not null
);
create table theme (
    code varchar primary key,
    name_ru varchar not null,
    block_code varchar,
    is_social boolean not null,
    sort_order integer not null
);
create table settlement (
    oktmo varchar primary key,
    name_ru varchar not null,
    admin_centre_ru varchar not null,
    population_2021 integer not null,
    oktmo_verified boolean not null,
    lat double,
    lon double,
    coord_verified boolean not null,
    coord_note varchar
);
create table gazetteer (
    place_ru varchar not null,
    place_kind varchar not null,
    settlement_oktmo varchar not null,
    is_admin_centre boolean not null,
    needs_prefix boolean not null,
    verified boolean not null,
    note varchar,
    primary key (place_ru, settlement_oktmo)
);
create table recipient (
    code varchar primary key,
    name_ru varchar not null,
    recipient_kind varchar not null,
    block_code varchar,
    settlement_oktmo varchar,
    aliases varchar
);
create table rubric_map (
    source_code varchar not null,
    rubric varchar not null,
    theme_code varchar not null,
    subtheme varchar,
    primary key (source_code, rubric)
);
create table deadline_rule (
    rule_id integer primary key,
    source_code varchar not null,
    theme_code varchar,
    stage varchar not null,
    amount integer not null,
    unit varchar not null,
    verified boolean not null,
    basis_ru varchar not null,
    valid_from date not null,
    version integer not null
);

-- imports
create sequence batch_id_seq start 1;
create table import_batch (
    batch_id integer primary key default nextval('batch_id_seq'),
    source_code varchar not null,
    profile varchar not null,
    file_name varchar not null,
    file_sha256 varchar not null,
    started_at timestamp not null,
    finished_at timestamp,
    rows_read integer not null default 0,
    rows_new integer not null default 0,
    rows_updated integer not null default 0,
    rows_unchanged integer not null default 0,
    rows_rejected integer not null default 0,
    status varchar not null
);
create table rejected_row (
    batch_id integer not null,
    row_number integer not null,
    raw_json varchar not null,
    reason_ru varchar not null,
    primary key (batch_id, row_number)
);

-- appeals
create sequence appeal_id_seq start 1;
create table appeal (
    appeal_id bigint primary key default nextval('appeal_id_seq'),
    source_code varchar not null,
    source_id varchar not null,
    channel_code varchar not null,
    kind_code varchar not null,
    received_at timestamp not null,
    registered_at timestamp,
    due_at timestamp,
    extended_due_at timestamp,
    first_reaction_at timestamp,
    first_answer_at timestamp,
    closed_at timestamp,
    status_code varchar not null,
    outcome_code varchar,
    theme_code varchar not null,
    subtheme varchar,
    source_rubric varchar,
    settlement_oktmo varchar,
    address varchar,
    lat double,
    lon double,
    recipient_code varchar,
    recipient_raw varchar,
    author_type varchar not null,
    is_collective boolean not null,
    is_repeat boolean not null,
    satisfaction smallint,
    text_masked varchar,
    batch_id integer not null,
    theme_provenance varchar not null,
    theme_confidence double not null,
    settlement_provenance varchar,
    settlement_confidence double,
    due_rule_id integer,
    content_hash varchar not null,
    updated_at timestamp not null,
    unique (source_code, source_id)
);
create table appeal_status_history (
    appeal_id bigint not null,
    changed_at timestamp not null,
    batch_id integer not null,
    status_code varchar not null,
    outcome_code varchar
);
-- the row as it was before an import changed it, so that a batch can be undone
create table appeal_previous as select * from appeal where false;
alter table appeal_previous add column replaced_by_batch integer;
