-- The repeat links of the page «Конфликтные ситуации»: each appeal that repeats an earlier one answered formally or
-- «решено» (conflicts.find), with the earlier appeals it repeats. They depend on no filter and no period, so the
-- server's background job (server/linker.py) counts them ahead once the store has been quiet for a moment, and the
-- page reads them instead of searching a year's appeals on each visit. They hold for the store's write count and the
-- rules' fingerprint in repeat_link_state only: after any later write (or with new rules) the page counts the links
-- itself until the job has caught up.
create table repeat_link (
    appeal_id bigint not null,          -- the repeat
    earlier_appeal_id bigint not null,  -- an earlier appeal it repeats
    source_id varchar,
    received_at timestamp not null,
    outcome_code varchar,               -- as judged (definitions.OUTCOME_JUDGED)
    recipient_code varchar
);
-- each repeat's summary of its links: how many earlier appeals, and the latest of them (conflicts._summary)
create table repeat_summary (
    appeal_id bigint primary key,
    earlier_n bigint not null,
    earlier_id varchar,
    earlier_at timestamp not null,
    earlier_outcome varchar,
    earlier_recipient varchar
);
-- store_write.counter the links were counted at, and a fingerprint of the rules they were counted by
create table repeat_link_state (counter bigint not null, recipe varchar);
insert into repeat_link_state values (-1, null);
