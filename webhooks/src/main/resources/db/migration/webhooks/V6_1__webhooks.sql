-- Webhooks (module webhooks): subscriptions, the durable outbox (events and one delivery per subscription and event),
-- the scan cursors over the indexed events and the time-based triggers. Only the webhooks module reads these tables.
CREATE SCHEMA IF NOT EXISTS webhooks;

CREATE TABLE webhooks.subscriptions (
    id uuid PRIMARY KEY,
    url text NOT NULL,
    events text[] NOT NULL,
    -- optional filter: only events whose data names this provider address (lower-case 0x-hex)
    filter_provider text,
    -- the HMAC-SHA256 key (hex), returned once at creation
    secret text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    seq bigserial NOT NULL UNIQUE
);

-- One row per webhook event detected; id is deterministic (its source), so a re-scan after a crash inserts nothing new.
CREATE TABLE webhooks.events (
    id text PRIMARY KEY,
    seq bigserial NOT NULL UNIQUE,
    type text NOT NULL,
    provider text,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The outbox: one delivery per (subscription, event), written in the same transaction as its event.
CREATE TABLE webhooks.deliveries (
    id bigserial PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES webhooks.subscriptions (id) ON DELETE CASCADE,
    event_id text NOT NULL REFERENCES webhooks.events (id),
    event_type text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    last_status_code integer,
    last_error text,
    next_attempt_at timestamptz,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_of_subscription ON webhooks.deliveries (subscription_id, id);

-- Where the scan of each indexed event kind stands: the last (block_number, log_index) turned into webhook events.
-- The row 'baseline' holds the block the first scan started from (events before it are history, not webhooks).
CREATE TABLE webhooks.cursors (
    source text PRIMARY KEY,
    block_number bigint NOT NULL,
    log_index integer NOT NULL
);

-- Time-based events (voting started, voting ending soon, rewards claimable): due once the head block's timestamp
-- reaches fire_at (seconds); expires_at, when set, drops the trigger unfired once passed (voting already ended).
CREATE TABLE webhooks.triggers (
    event_id text PRIMARY KEY,
    type text NOT NULL,
    fire_at numeric(78,0) NOT NULL,
    expires_at numeric(78,0),
    provider text,
    data jsonb NOT NULL,
    done boolean NOT NULL DEFAULT false
);
CREATE INDEX triggers_due ON webhooks.triggers (fire_at) WHERE NOT done;
