-- The recipient's answer as the import masked it, and what the answer-quality check read in it: «вероятная
-- отписка» or not, its grounds (codes of signals.answers.REASONS, joined by «|») and its strength 0…1.
-- appeal_previous carries the same columns, so that undoing a load restores the earlier answer and verdict.
alter table appeal add column answer_masked varchar;
alter table appeal add column answer_formal boolean;
alter table appeal add column answer_reasons varchar;
alter table appeal add column answer_score double;
alter table appeal_previous add column answer_masked varchar;
alter table appeal_previous add column answer_formal boolean;
alter table appeal_previous add column answer_reasons varchar;
alter table appeal_previous add column answer_score double;
-- an officer's decision on a flag: confirmed (it is an отписка) or rejected (it is not); one per appeal, the
-- latest stands, and the audit log keeps every earlier one
create table answer_decision (
    appeal_id bigint primary key,
    verdict varchar not null,             -- confirmed, rejected
    login varchar not null,
    decided_at timestamp not null,
    comment varchar not null default ''
);
-- what the decisions taught the check: a sentence of a confirmed отписка is a stock phrase, a sentence of a
-- rejected flag is not; kept by its folded text, applied by the check at the next import and re-check
create table answer_sentence (
    sentence varchar primary key,
    kind varchar not null,                -- boilerplate, substantive
    appeal_id bigint,
    taught_by varchar not null,
    taught_at timestamp not null
);
