-- What the conflict rules (mcu_data/signals/conflicts.py) read in each appeal's stored, masked text, kept so that
-- the page «Конфликтные ситуации» does not run a dozen regular expressions over a period's texts on every visit.
-- Filled by conflicts.refresh after every import and undo; a row belongs to the text whose md5 it carries.
create table appeal_text_signal (
    appeal_id bigint not null,
    text_md5 varchar not null,
    t_repeat boolean not null,      -- the writer says an earlier answer was formal or a false «решено»
    t_escalation boolean not null,  -- прокуратура, суд, губернатор, президент, СМИ as a step or a threat
    t_ignored boolean not null,     -- comments deleted, calls and messages left unanswered
    t_collective boolean not null,  -- «мы, жители», signatures, «от имени»
    t_sharp boolean not null,       -- insults, threats of action, shouting in capitals
    repeat_cue boolean not null,    -- «повторно», «в третий раз»
    still_broken boolean not null,  -- «так и не», «по-прежнему», «без ремонта»: a «решено» the writer denies
    street varchar                  -- the street the text or the address names, for matching an earlier appeal
);
