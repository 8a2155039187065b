-- Roadmap measures («дорожные карты»): one row per measure, its edit history, optimistic locking by row_version.
create sequence measure_id_seq start 1;
create table measure (
    measure_id integer primary key default nextval('measure_id_seq'),
    title varchar not null,
    description varchar,
    theme_codes varchar[] not null,
    settlement_oktmos varchar[] not null,
    recipient_code varchar,
    official varchar not null,
    start_date date not null,
    deadline date not null,
    done_date date,
    status varchar not null,
    progress integer not null,
    expected_effect varchar,
    evidence varchar,
    row_version integer not null,
    created_at timestamp not null,
    created_by varchar not null,
    updated_at timestamp not null,
    updated_by varchar not null
);
create table measure_history (
    measure_id integer not null,
    changed_at timestamp not null,
    changed_by varchar not null,
    field varchar not null,
    old_value varchar,
    new_value varchar
);
