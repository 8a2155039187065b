-- Undo of a batch, saved column mappings for generic files, and corrections from the review queue.
alter table import_batch add column undone_at timestamp;

create table import_profile (
    name varchar primary key,
    source_code varchar not null,
    mapping_json varchar not null,
    created_at timestamp not null
);

create table correction (
    appeal_id bigint not null,
    corrected_at timestamp not null,
    field varchar not null,
    old_value varchar,
    new_value varchar not null
);
