-- Issue #15: what one receipt row costs PostgreSQL to insert, by method and schema (docs/benchmarks.md,
-- "Receipt ingestion at network scale"). 100,000 receipts of realistic sizes in random job-id order into an empty
-- partition of a copy of settlement.receipts (V2_7 + V2_8 + V2_10), no client in the loop.
-- Run against a scratch PostgreSQL 17 (fsync on), as a superuser (server-side COPY files under /tmp/pgx):
--   psql -h localhost -p 55432 -U postgres -f settlement/tools/receipt-insert-costs.sql | grep -E '^(--|Time)'
-- It drops and recreates the schema s.
\timing on
DROP SCHEMA IF EXISTS s CASCADE; CREATE SCHEMA s;
CREATE TABLE s.src AS SELECT
 '0x'||md5(i::text)||md5((i+1)::text) AS job_id, 1::bigint AS epoch,
 '0x'||substr(md5((i%100)::text||'r'),1,32)||'00000000' AS requester,
 '0x'||substr(md5((i%1000)::text||'p'),1,32)||'00000000' AS provider,
 (i%8)::smallint AS role,
 '0x'||md5('k')||md5('k2') AS kernel, '0x'||md5(i::text||'s')||md5('s') AS spec_hash, '0x'||md5(i::text||'o')||md5('o') AS output_hash,
 (1000+i%50)::numeric AS work_units, (100000+i)::numeric AS fee,
 '0x'||md5(i::text||'a')||md5('b')||md5('c')||md5('d')||'1b' AS provider_sig,
 '0x'||md5(i::text||'e')||md5('f')||md5('g')||md5('h')||'1c' AS requester_sig,
 '0x'||md5(i::text||'d')||md5('x') AS digest, '0x'||md5('env')||md5('env2') AS envelope
FROM generate_series(1,100000) i ORDER BY random();
CREATE TABLE s.rt (
    job_id TEXT COLLATE "C" NOT NULL CHECK (octet_length(job_id) = 66), epoch BIGINT NOT NULL CHECK (epoch >= 0),
    requester TEXT COLLATE "C" NOT NULL CHECK (octet_length(requester) = 42), provider TEXT COLLATE "C" NOT NULL CHECK (octet_length(provider) = 42),
    role SMALLINT NOT NULL CHECK (role BETWEEN 0 AND 255), kernel TEXT NOT NULL, spec_hash TEXT NOT NULL, output_hash TEXT NOT NULL,
    work_units NUMERIC(78,0) NOT NULL CHECK (work_units >= 0), fee NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
    provider_sig TEXT NOT NULL, requester_sig TEXT NOT NULL, digest TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now(), envelope TEXT,
    PRIMARY KEY (epoch, job_id)) PARTITION BY LIST (epoch);
CREATE INDEX ON s.rt (epoch, provider, job_id);
CREATE INDEX ON s.rt (epoch, requester, job_id);
CREATE TABLE s.rt_e1 PARTITION OF s.rt FOR VALUES IN (1);
CHECKPOINT;
-- A: insert select, 3 indexes
INSERT INTO s.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) SELECT * FROM s.src;
TRUNCATE s.rt; CHECKPOINT;
-- binary file
COPY (SELECT * FROM s.src) TO '/tmp/pgx/src.bin' WITH (FORMAT binary);
COPY (SELECT * FROM s.src) TO '/tmp/pgx/src.txt';
-- B: copy binary
COPY s.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM '/tmp/pgx/src.bin' WITH (FORMAT binary);
TRUNCATE s.rt; CHECKPOINT;
-- C: copy text
COPY s.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM '/tmp/pgx/src.txt';
TRUNCATE s.rt; CHECKPOINT;
-- D: unnest of arrays (as the service sends)
CREATE TABLE s.arr AS SELECT array_agg(job_id) a1, array_agg(epoch) a2, array_agg(requester) a3, array_agg(provider) a4, array_agg(role) a5, array_agg(kernel) a6, array_agg(spec_hash) a7, array_agg(output_hash) a8, array_agg(work_units::text) a9, array_agg(fee::text) a10, array_agg(provider_sig) a11, array_agg(requester_sig) a12, array_agg(digest) a13, array_agg(envelope) a14 FROM s.src;
CHECKPOINT;
INSERT INTO s.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) SELECT u.* FROM s.arr, unnest(a1,a2,a3,a4,a5,a6,a7,a8,a9::numeric[],a10::numeric[],a11,a12,a13,a14) u;
TRUNCATE s.rt; CHECKPOINT;
-- E: no requester index, copy binary
DROP INDEX s.rt_epoch_requester_job_id_idx;
COPY s.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM '/tmp/pgx/src.bin' WITH (FORMAT binary);
\timing on
CREATE TABLE s.srcb AS SELECT decode(substr(job_id,3),'hex') job_id, epoch, decode(substr(requester,3),'hex') requester, decode(substr(provider,3),'hex') provider, role,
 decode(substr(kernel,3),'hex') kernel, decode(substr(spec_hash,3),'hex') spec_hash, decode(substr(output_hash,3),'hex') output_hash, work_units, fee,
 decode(substr(provider_sig,3),'hex') provider_sig, decode(substr(requester_sig,3),'hex') requester_sig, decode(substr(digest,3),'hex') digest, decode(substr(envelope,3),'hex') envelope FROM s.src;
COPY (SELECT * FROM s.srcb) TO '/tmp/pgx/srcb.bin' WITH (FORMAT binary);
COPY (SELECT job_id,epoch,requester,provider,role,kernel,spec_hash,output_hash,work_units,fee,digest,envelope FROM s.srcb) TO '/tmp/pgx/srcb_nosig.bin' WITH (FORMAT binary);
CREATE TABLE s.rb (
    job_id BYTEA NOT NULL CHECK (octet_length(job_id) = 32), epoch BIGINT NOT NULL CHECK (epoch >= 0),
    requester BYTEA NOT NULL CHECK (octet_length(requester) = 20), provider BYTEA NOT NULL CHECK (octet_length(provider) = 20),
    role SMALLINT NOT NULL CHECK (role BETWEEN 0 AND 255), kernel BYTEA NOT NULL, spec_hash BYTEA NOT NULL, output_hash BYTEA NOT NULL,
    work_units NUMERIC(78,0) NOT NULL CHECK (work_units >= 0), fee NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
    provider_sig BYTEA, requester_sig BYTEA, digest BYTEA NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now(), envelope BYTEA,
    PRIMARY KEY (epoch, job_id)) PARTITION BY LIST (epoch);
CREATE INDEX ON s.rb (epoch, provider, job_id);
CREATE INDEX ON s.rb (epoch, requester, job_id);
CREATE TABLE s.rb_e1 PARTITION OF s.rb FOR VALUES IN (1);
CHECKPOINT;
-- F: bytea copy binary, 3 idx
COPY s.rb (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM '/tmp/pgx/srcb.bin' WITH (FORMAT binary);
TRUNCATE s.rb; CHECKPOINT;
-- G: bytea copy binary, no sigs
COPY s.rb (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, digest, envelope) FROM '/tmp/pgx/srcb_nosig.bin' WITH (FORMAT binary);
TRUNCATE s.rb; CHECKPOINT;
-- H: text, copy binary, 3 idx again (repeat)
TRUNCATE s.rt; CREATE INDEX ON s.rt (epoch, requester, job_id); CHECKPOINT;
COPY s.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM '/tmp/pgx/src.bin' WITH (FORMAT binary);
TRUNCATE s.rt; CHECKPOINT;
-- I: bytea, PK only
DROP INDEX s.rb_epoch_provider_job_id_idx; DROP INDEX s.rb_epoch_requester_job_id_idx; CHECKPOINT;
COPY s.rb (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, digest, envelope) FROM '/tmp/pgx/srcb_nosig.bin' WITH (FORMAT binary);
