-- An import batch marks the contacts it wrote for the duplicate drain with ONE row (their ids as an array) instead of
-- a row and a primary-key entry per contact (DuplicatePairs.MARK_BATCH). The drain reads these rows with the
-- per-contact marks (duplicate_pending, still written by API refreshes that could not lock a partner, and by the
-- drain for a batch's contacts it could not refresh yet) and deletes each batch row whole once read.
create table duplicate_pending_batch (
    id           bigint generated always as identity primary key,
    contact_ids  bigint[] not null
);
