-- Editable weights of the recipients' rating, and when each deadline rule version was made.
create table rating_weight (
    component varchar primary key,
    weight double not null,
    target double not null
);
alter table deadline_rule add column created_at timestamp;
