-- How far alerts have been copied into the AlertInfo/AlertEvidence hunting tables: one row, the creation time of the
-- newest alert copied (NULL: none yet). Kept here rather than read back from AlertInfo, which also takes imported rows.
CREATE TABLE alert_table_copy (
    id INT PRIMARY KEY,
    copied_through TIMESTAMP WITH TIME ZONE
);
INSERT INTO alert_table_copy (id, copied_through) VALUES (1, NULL);
