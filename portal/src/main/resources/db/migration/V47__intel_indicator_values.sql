-- The values a STIX indicator's pattern names (IP, domain, URL, hash, certificate), kept whether or not portal
-- indicators were created from them, so entity pages can say which imported intelligence names an address or file.
CREATE TABLE intel_indicator_value (
    stix_id    VARCHAR(120) NOT NULL,
    value_type VARCHAR(16) NOT NULL,
    indicator_value VARCHAR(2000) NOT NULL,
    PRIMARY KEY (stix_id, value_type, indicator_value)
);
CREATE INDEX intel_indicator_value_value ON intel_indicator_value (indicator_value);
