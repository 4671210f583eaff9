-- Professional-service entries on the partner catalog, kept by administrators (seeded with the list that shipped as JSON).
CREATE TABLE professional_services (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    vendor VARCHAR(120) NOT NULL,
    category VARCHAR(20) NOT NULL,
    description VARCHAR(1000) NOT NULL,
    link VARCHAR(500) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(200) NOT NULL
);

INSERT INTO professional_services (name, vendor, category, description, link, updated_at, updated_by) VALUES
('Mandiant Incident Response', 'Google Cloud', 'ir', 'Breach investigation, containment and recovery by responders who also publish threat research.', 'https://www.mandiant.com/', CURRENT_TIMESTAMP, 'system'),
('CrowdStrike Services', 'CrowdStrike', 'ir', 'Incident response, compromise assessments and tabletop exercises.', 'https://www.crowdstrike.com/', CURRENT_TIMESTAMP, 'system'),
('Unit 42', 'Palo Alto Networks', 'ir', 'Incident response retainers and threat research from Palo Alto Networks'' intelligence team.', 'https://unit42.paloaltonetworks.com/', CURRENT_TIMESTAMP, 'system'),
('Kroll Cyber Risk', 'Kroll', 'ir', 'Forensic investigation, breach notification support and managed detection.', 'https://www.kroll.com/', CURRENT_TIMESTAMP, 'system'),
('Red Canary MDR', 'Red Canary (Zscaler)', 'mdr', 'Managed detection and response that investigates endpoint, identity and cloud alerts around the clock.', 'https://redcanary.com/', CURRENT_TIMESTAMP, 'system'),
('Arctic Wolf Managed Detection and Response', 'Arctic Wolf', 'mdr', '24×7 monitoring delivered with a named concierge security team.', 'https://arcticwolf.com/', CURRENT_TIMESTAMP, 'system'),
('Expel MDR', 'Expel', 'mdr', 'Managed detection and response that works from the customer''s existing security tools.', 'https://expel.com/', CURRENT_TIMESTAMP, 'system'),
('Secureworks Taegis ManagedXDR', 'Secureworks (Sophos)', 'mdr', 'Managed XDR service running on the Taegis platform with threat hunting included.', 'https://www.secureworks.com/', CURRENT_TIMESTAMP, 'system'),
('NCC Group', 'NCC Group', 'advisory', 'Penetration testing, security architecture review and managed services.', 'https://www.nccgroup.com/', CURRENT_TIMESTAMP, 'system'),
('Trustwave SpiderLabs', 'Trustwave', 'advisory', 'Penetration testing, red teaming and digital forensics.', 'https://www.trustwave.com/', CURRENT_TIMESTAMP, 'system');
