-- Issue #15: what one receipt row costs PostgreSQL to insert, by method and schema (docs/benchmarks.md,
-- "Receipt ingestion at network scale"). 100,000 receipts of realistic sizes in random job-id order into an empty
-- partition of a copy of settlement.receipts (V2_7 + V2_8 + V2_10), no client in the loop. Each "Time:" after a
-- "-- X:" step below (A to I) is that method's time for the 100,000 rows.
--
-- Run it against a PostgreSQL 17 as a superuser, e.g. the one `./octo start-dev` starts (it prints
-- "PostgreSQL jdbc:postgresql://localhost:PORT/postgres  user postgres / postgres"; its data has fsync on), with psql
-- (Debian: postgresql-client):
--   PGPASSWORD=postgres psql -a -h localhost -p PORT -U postgres -f settlement/tools/receipt-insert-costs.sql \
--     | grep -E '^(-- [A-I]:|Time)'
-- It works in a schema of its own, insert_costs, dropped at the end, and leaves four files of test rows
-- (insert_costs_*.bin / .txt) in the server's data directory (server-side COPY).
SELECT current_setting('data_directory') || '/insert_costs_src.bin' AS f_src_bin,
       current_setting('data_directory') || '/insert_costs_src.txt' AS f_src_txt,
       current_setting('data_directory') || '/insert_costs_srcb.bin' AS f_srcb_bin,
       current_setting('data_directory') || '/insert_costs_srcb_nosig.bin' AS f_srcb_nosig_bin \gset
\timing on
DROP SCHEMA IF EXISTS insert_costs CASCADE; CREATE SCHEMA insert_costs;
CREATE TABLE insert_costs.src AS SELECT
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
CREATE TABLE insert_costs.rt (
    job_id TEXT COLLATE "C" NOT NULL CHECK (octet_length(job_id) = 66), epoch BIGINT NOT NULL CHECK (epoch >= 0),
    requester TEXT COLLATE "C" NOT NULL CHECK (octet_length(requester) = 42), provider TEXT COLLATE "C" NOT NULL CHECK (octet_length(provider) = 42),
    role SMALLINT NOT NULL CHECK (role BETWEEN 0 AND 255), kernel TEXT NOT NULL, spec_hash TEXT NOT NULL, output_hash TEXT NOT NULL,
    work_units NUMERIC(78,0) NOT NULL CHECK (work_units >= 0), fee NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
    provider_sig TEXT NOT NULL, requester_sig TEXT NOT NULL, digest TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now(), envelope TEXT,
    PRIMARY KEY (epoch, job_id)) PARTITION BY LIST (epoch);
CREATE INDEX ON insert_costs.rt (epoch, provider, job_id);
CREATE INDEX ON insert_costs.rt (epoch, requester, job_id);
CREATE TABLE insert_costs.rt_e1 PARTITION OF insert_costs.rt FOR VALUES IN (1);
CHECKPOINT;
-- A: insert select, 3 indexes
INSERT INTO insert_costs.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) SELECT * FROM insert_costs.src;
TRUNCATE insert_costs.rt; CHECKPOINT;
-- binary file
COPY (SELECT * FROM insert_costs.src) TO :'f_src_bin' WITH (FORMAT binary);
COPY (SELECT * FROM insert_costs.src) TO :'f_src_txt';
-- B: copy binary
COPY insert_costs.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM :'f_src_bin' WITH (FORMAT binary);
TRUNCATE insert_costs.rt; CHECKPOINT;
-- C: copy text
COPY insert_costs.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM :'f_src_txt';
TRUNCATE insert_costs.rt; CHECKPOINT;
CREATE TABLE insert_costs.arr AS SELECT array_agg(job_id) a1, array_agg(epoch) a2, array_agg(requester) a3, array_agg(provider) a4, array_agg(role) a5, array_agg(kernel) a6, array_agg(spec_hash) a7, array_agg(output_hash) a8, array_agg(work_units::text) a9, array_agg(fee::text) a10, array_agg(provider_sig) a11, array_agg(requester_sig) a12, array_agg(digest) a13, array_agg(envelope) a14 FROM insert_costs.src;
CHECKPOINT;
-- D: unnest of arrays (as the service sends)
INSERT INTO insert_costs.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) SELECT u.* FROM insert_costs.arr, unnest(a1,a2,a3,a4,a5,a6,a7,a8,a9::numeric[],a10::numeric[],a11,a12,a13,a14) u;
TRUNCATE insert_costs.rt; CHECKPOINT;
-- E: no requester index, copy binary
DROP INDEX insert_costs.rt_epoch_requester_job_id_idx;
COPY insert_costs.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM :'f_src_bin' WITH (FORMAT binary);
\timing on
CREATE TABLE insert_costs.srcb AS SELECT decode(substr(job_id,3),'hex') job_id, epoch, decode(substr(requester,3),'hex') requester, decode(substr(provider,3),'hex') provider, role,
 decode(substr(kernel,3),'hex') kernel, decode(substr(spec_hash,3),'hex') spec_hash, decode(substr(output_hash,3),'hex') output_hash, work_units, fee,
 decode(substr(provider_sig,3),'hex') provider_sig, decode(substr(requester_sig,3),'hex') requester_sig, decode(substr(digest,3),'hex') digest, decode(substr(envelope,3),'hex') envelope FROM insert_costs.src;
COPY (SELECT * FROM insert_costs.srcb) TO :'f_srcb_bin' WITH (FORMAT binary);
COPY (SELECT job_id,epoch,requester,provider,role,kernel,spec_hash,output_hash,work_units,fee,digest,envelope FROM insert_costs.srcb) TO :'f_srcb_nosig_bin' WITH (FORMAT binary);
CREATE TABLE insert_costs.rb (
    job_id BYTEA NOT NULL CHECK (octet_length(job_id) = 32), epoch BIGINT NOT NULL CHECK (epoch >= 0),
    requester BYTEA NOT NULL CHECK (octet_length(requester) = 20), provider BYTEA NOT NULL CHECK (octet_length(provider) = 20),
    role SMALLINT NOT NULL CHECK (role BETWEEN 0 AND 255), kernel BYTEA NOT NULL, spec_hash BYTEA NOT NULL, output_hash BYTEA NOT NULL,
    work_units NUMERIC(78,0) NOT NULL CHECK (work_units >= 0), fee NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
    provider_sig BYTEA, requester_sig BYTEA, digest BYTEA NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now(), envelope BYTEA,
    PRIMARY KEY (epoch, job_id)) PARTITION BY LIST (epoch);
CREATE INDEX ON insert_costs.rb (epoch, provider, job_id);
CREATE INDEX ON insert_costs.rb (epoch, requester, job_id);
CREATE TABLE insert_costs.rb_e1 PARTITION OF insert_costs.rb FOR VALUES IN (1);
CHECKPOINT;
-- F: bytea copy binary, 3 idx
COPY insert_costs.rb (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM :'f_srcb_bin' WITH (FORMAT binary);
TRUNCATE insert_costs.rb; CHECKPOINT;
-- G: bytea copy binary, no sigs
COPY insert_costs.rb (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, digest, envelope) FROM :'f_srcb_nosig_bin' WITH (FORMAT binary);
TRUNCATE insert_costs.rb; CHECKPOINT;
-- H: text, copy binary, 3 idx again (repeat)
TRUNCATE insert_costs.rt; CREATE INDEX ON insert_costs.rt (epoch, requester, job_id); CHECKPOINT;
COPY insert_costs.rt (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM :'f_src_bin' WITH (FORMAT binary);
TRUNCATE insert_costs.rt; CHECKPOINT;
-- I: bytea, PK only
DROP INDEX insert_costs.rb_epoch_provider_job_id_idx; DROP INDEX insert_costs.rb_epoch_requester_job_id_idx; CHECKPOINT;
COPY insert_costs.rb (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, work_units, fee, digest, envelope) FROM :'f_srcb_nosig_bin' WITH (FORMAT binary);
DROP SCHEMA insert_costs CASCADE;
