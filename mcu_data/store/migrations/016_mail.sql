-- E-mail from the server: who receives what, and every letter with each attempt to send it.
create sequence mail_contact_seq start 1;
create table mail_contact (
    contact_id bigint primary key default nextval('mail_contact_seq'),
    name_ru varchar not null,          -- a position or a person, as the curator writes it
    email varchar not null,
    kind varchar not null,             -- curator, head (the weekly note), responsible (a recipient's deadlines), leader
    recipient_code varchar,            -- whose deadlines a responsible person receives
    leader_code varchar,               -- a sector leader: growth points in the themes of their blocks
    active boolean not null default true,
    created_at timestamp not null
);
create sequence mail_message_seq start 1;
create table mail_message (
    message_id bigint primary key default nextval('mail_message_seq'),
    kind varchar not null,             -- weekly, daily, growth, test
    dedupe_key varchar not null unique,  -- one letter per job, contact and period, however often the plan runs
    topic varchar,                     -- a growth point's theme|settlement: a cell alerted once a week, not every tick
    contact_id bigint,
    to_addr varchar not null,
    subject varchar not null,
    body_text varchar not null,
    body_html varchar not null,
    attachment_name varchar,
    attachment blob,
    created_at timestamp not null,
    state varchar not null,            -- queued, retry, sent, failed
    attempts integer not null default 0,
    next_attempt_at timestamp,
    sent_at timestamp,
    last_error varchar
);
create table mail_attempt (
    message_id bigint not null,
    attempted_at timestamp not null,
    ok boolean not null,
    error varchar
);
