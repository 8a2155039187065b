-- What each answer asserts (mcu_data/signals/answer_stance.py): bits done 1, planned 2, refused 4, «в норме» 8,
-- explains a change 16; and the latest date it promises by. Two answers of one recipient on one problem whose
-- stances disagree are the signal «противоречие ответов» of the page «Конфликтные ситуации» (regulation 1.2 б).
-- Filled at import; a store loaded before this migration gets them once at start (bootstrap).
alter table appeal add column answer_stance smallint;
alter table appeal add column answer_due date;
alter table appeal_previous add column answer_stance smallint;
alter table appeal_previous add column answer_due date;
-- the writer says the recipient's answers contradict each other («то пишете одно, то другое»); the rows are read
-- again by the new rule at start
alter table appeal_text_signal add column t_contradiction boolean;
delete from appeal_text_signal;
