-- Indicators reported to the regional control centre: a list a user can edit, and values entered by hand.
create table indicator (
    code varchar primary key,
    name_ru varchar not null,
    formula varchar not null,
    target double,
    higher_is_better boolean not null,
    unit varchar not null,
    note_ru varchar,
    sort_order integer not null
);
create table indicator_manual_value (
    code varchar not null,
    period varchar not null,
    value double not null,
    entered_at timestamp not null,
    entered_by varchar not null,
    primary key (code, period)
);
