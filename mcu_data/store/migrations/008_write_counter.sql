-- One counter that every write transaction bumps: it is part of every cache key, so no write leaves a page stale.
create table store_write (counter bigint not null);
insert into store_write values (0);
