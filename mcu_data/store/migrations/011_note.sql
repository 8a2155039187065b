-- the weekly note as the curator edited it: every save is a new version, so the history says who changed what
create sequence note_version_seq start 1;
create table note_version (
    version_id bigint primary key default nextval('note_version_seq'),
    week_monday date not null,
    saved_at timestamp not null,
    login varchar not null,
    author varchar not null,              -- the display name at the time, for the history and the executor line
    action varchar not null,              -- saved, sent, reopened
    number varchar not null default '',   -- the outgoing number the curator gives the note
    summary_text varchar not null,        -- one sentence or paragraph per line
    proposals_text varchar not null,      -- one proposal per line
    basis_json varchar not null           -- the generated sentences and figures the text was written on
);
