-- Single sign-on configured on Settings > Single sign-on. One row (id 1) once an administrator saved the page; while
-- it exists it replaces the rampart.oidc.* properties (group mappings of both apply). client_secret is never shown
-- again after saving; NULL falls back to rampart.oidc.client-secret.
CREATE TABLE sso_settings (
    id INT PRIMARY KEY,
    enabled BOOLEAN NOT NULL,
    issuer_uri VARCHAR(400),
    client_id VARCHAR(200),
    client_secret VARCHAR(500),
    scopes VARCHAR(500) NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    username_claim VARCHAR(100) NOT NULL,
    groups_claim VARCHAR(100) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(200) NOT NULL
);

CREATE TABLE sso_group_mapping (
    position INT PRIMARY KEY,
    idp_group VARCHAR(200) NOT NULL,
    local_group VARCHAR(200),
    role_id VARCHAR(100)
);
