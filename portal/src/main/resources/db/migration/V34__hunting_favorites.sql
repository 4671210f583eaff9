-- Each analyst's favourite saved queries, gallery queries and saved functions, listed first in their hunting tabs.
CREATE TABLE hunting_favorite (
    username   VARCHAR(100) NOT NULL,
    kind       VARCHAR(20) NOT NULL,
    ref        VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (username, kind, ref)
);
