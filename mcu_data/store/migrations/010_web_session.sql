-- sessions that survive a reload: the browser keeps an HttpOnly cookie with a random key, the store its digest
create table web_session (
    session_id varchar primary key,        -- digest of the one-time ticket the page hands to the browser
    login varchar not null,
    token_hash varchar,                     -- digest of the cookie's key, once the browser has claimed it
    created_at timestamp not null,
    claimed_at timestamp,
    expires_at timestamp not null,
    last_seen_at timestamp not null,
    ended_at timestamp,
    end_reason varchar
);
