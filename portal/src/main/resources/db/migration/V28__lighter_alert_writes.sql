-- Every alert insert and incident update paid for these indexes; the queue reads its source choices from memory
-- (IncidentStore keeps them) and filters hidden/status/severity fast enough through incident_status.
DROP INDEX IF EXISTS alert_service_source;
DROP INDEX IF EXISTS alert_detection_source;
DROP INDEX IF EXISTS incident_queue_filter;
