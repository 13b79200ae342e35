-- Presence in a period starts from each operator's last status change before it: found per
-- operator through this partial index (status changes only, so a message writes no page of it)
-- instead of reading every change since the first day.
CREATE INDEX events_status_by_operator ON events(operator_id, ts)
    WHERE kind = 'operator_status_changed';
