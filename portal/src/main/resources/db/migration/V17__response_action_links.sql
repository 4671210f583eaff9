-- The incident page lists the actions linked to an incident or to one of its alerts.
CREATE INDEX response_action_incident ON response_action (incident_id);
CREATE INDEX response_action_alert ON response_action (alert_id);
