-- The weekly import keeps every valid row: the raw value of a status, outcome or channel it does not know,
-- a flag on a suspicious date, what each load skipped and warned about, editable value maps, API tokens.
alter table appeal add column status_raw varchar;
alter table appeal add column outcome_raw varchar;
alter table appeal add column channel_raw varchar;
alter table appeal add column date_flag varchar;
alter table appeal_previous add column status_raw varchar;
alter table appeal_previous add column outcome_raw varchar;
alter table appeal_previous add column channel_raw varchar;
alter table appeal_previous add column date_flag varchar;
alter table import_batch add column rows_skipped integer default 0;
alter table import_batch add column rows_replaced integer default 0;
alter table import_batch add column rows_flagged integer default 0;
alter table import_batch add column rows_unrecognised integer default 0;
alter table import_batch add column details_json varchar;
alter table import_batch add column origin varchar;
alter table rejected_row add column reason_code varchar;
create table value_map (
    source_code varchar not null,
    field varchar not null,
    raw_value varchar not null,
    code varchar not null,
    taught_by varchar,
    taught_at timestamp,
    primary key (source_code, field, raw_value)
);
create table api_token (
    token_hash varchar primary key,
    login varchar not null,
    label varchar not null,
    created_at timestamp not null,
    created_by varchar not null,
    last_used_at timestamp,
    revoked_at timestamp
);
