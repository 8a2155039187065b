-- Incidents: the messages about one problem grouped into one incident, and the corrections people make to it.
-- The grouping is derived data: it can be recomputed from the appeals and the corrections at any time, so an
-- appeal's incident lives beside the appeal, not in it, and an import never has to know about it.
create sequence incident_id_seq start 1;
create table appeal_incident (
    appeal_id bigint primary key,
    incident_id bigint not null,
    grouped_at timestamp not null
);
create index appeal_incident_by_incident on appeal_incident (incident_id);
-- a person's word on two messages: the same problem (merge) or not (split); the grouping never undoes it
create table incident_link (
    appeal_a bigint not null,
    appeal_b bigint not null,           -- appeal_a < appeal_b
    same_problem boolean not null,
    login varchar not null,
    linked_at timestamp not null,
    primary key (appeal_a, appeal_b)
);
