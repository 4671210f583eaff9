-- Custom detection rules: automated response actions taken on each alert (comma-separated action types, an option
-- after a colon, e.g. "ISOLATE_DEVICE,RUN_ANTIVIRUS_SCAN:full") and the device groups the rule runs on (comma-separated
-- ids; empty = all devices).
ALTER TABLE detection_rule ADD COLUMN response_actions VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE detection_rule ADD COLUMN device_groups VARCHAR(2000) DEFAULT '' NOT NULL;
