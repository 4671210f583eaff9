-- The devices a remediation activity asked to fix: its progress counts how many of them are fixed since, so devices
-- that become exposed later, or move to another group, neither hide nor fake progress.
CREATE TABLE remediation_activity_device (
    activity_id BIGINT NOT NULL REFERENCES remediation_activity (id) ON DELETE CASCADE,
    device_id   VARCHAR(200) NOT NULL,
    PRIMARY KEY (activity_id, device_id)
);
