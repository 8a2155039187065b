-- The key of a wall-screen account: only its SHA-256 is kept; the address with the key signs the screen in by itself.
alter table app_user add column screen_key_hash varchar;
alter table app_user add column screen_key_issued_at timestamp;
