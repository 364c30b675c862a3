-- Segments as rules (docs/targeting.md): a segment is its filter AND its rule; segments saved before rules existed
-- keep their filter and have no rule, so they read exactly as before. A static segment is a frozen member list.
alter table segment
    add column rule    jsonb,
    add column static  boolean not null default false;

create table segment_member (
    segment_id  bigint not null references segment (id) on delete cascade,
    contact_id  bigint not null references contact (id) on delete cascade,
    primary key (segment_id, contact_id)
);
create index segment_member_contact_idx on segment_member (contact_id);
