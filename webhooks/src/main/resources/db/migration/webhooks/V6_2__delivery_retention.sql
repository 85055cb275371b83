-- Delivery-log retention (octo.webhooks.delivery-retention): the dispatcher deletes delivered and failed deliveries
-- older than the retention in bounded batches; this index finds them by age without reading the pending ones.
CREATE INDEX deliveries_finished ON webhooks.deliveries (created_at) WHERE status <> 'pending';
