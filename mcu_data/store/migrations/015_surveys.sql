-- Answers of resident surveys, loaded by the same import as appeals: a batch in import_batch (source «survey»), the
-- rows it refused in rejected_row. One row per answer of one respondent to one question.
create sequence survey_answer_seq start 1;
create table survey_answer (
    answer_id bigint primary key default nextval('survey_answer_seq'),
    batch_id integer not null,
    row_key varchar not null unique,      -- what the row says and which repeat of it in its file: a re-import adds nothing
    survey varchar,                       -- the survey's name, where the file gives one
    respondent_id varchar,                -- the questionnaire's number, where the file gives one
    answered_on date not null,
    question varchar not null,
    answer varchar not null,              -- masked: an open question's answer is a resident's own words
    polarity varchar not null,            -- positive, neutral, negative, other (own words, not judged)
    respondent_group varchar not null,
    place_raw varchar,
    settlement_oktmo varchar,
    theme_raw varchar,
    theme_code varchar
);
