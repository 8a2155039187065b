-- Official pages («госпаблики») of the administration, the recipients and the settlements in social networks, and
-- their activity as the exports of «Госпаблики» report it: one row per page and day. Loaded by the same import as
-- appeals: a batch in import_batch (source «official_pages»), the rows it refused in rejected_row.
create sequence official_page_seq start 1;
create table official_page (
    page_id bigint primary key default nextval('official_page_seq'),
    page_key varchar not null unique,     -- the folded address, or the network and the folded name without one
    network varchar not null,             -- vk, ok, telegram, other
    name varchar not null,
    url varchar,
    owner_raw varchar,                    -- the owner as the file wrote it: kept when no reference knows it
    recipient_code varchar,               -- the owner among the recipients, null when unknown
    settlement_oktmo varchar,             -- the settlement of the owner (a settlement's administration, a place)
    batch_id integer not null             -- the load that first named the page: undoing it removes a page left empty
);
create table official_page_day (
    page_id bigint not null,
    day date not null,
    batch_id integer not null,
    posts integer,                        -- null: the export did not say
    comments integer,
    answered integer,                     -- comments the page answered
    answer_hours_median double,
    answer_hours_mean double,
    reactions integer,
    followers integer,
    primary key (page_id, day)
);
