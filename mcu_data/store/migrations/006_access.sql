-- Who may sign in and what they did: local accounts with roles from the regulation, and the audit log.
create table app_user (
    login varchar primary key,
    display_name varchar not null,
    role varchar not null,             -- curator, channel_officer, sector_leader, settlement_head, observer
    channel_code varchar,              -- the channel of a channel officer: pos, im, fz59
    leader_code varchar,               -- a sector leader: the official of Appendix 2 whose blocks they lead
    settlement_oktmo varchar,          -- the settlement of its head
    is_screen boolean not null default false,  -- a wall-screen account: its session does not time out in the show
    password_hash varchar not null,
    must_change boolean not null default true,
    active boolean not null default true,
    failed_count integer not null default 0,
    locked_until timestamp,
    created_at timestamp not null,
    last_login_at timestamp
);
create sequence audit_seq start 1;
create table audit_log (
    entry_id bigint primary key default nextval('audit_seq'),
    happened_at timestamp not null,
    login varchar not null,
    action varchar not null,
    object varchar,
    details varchar
);
create table app_setting (
    key varchar primary key,
    value varchar not null
);
