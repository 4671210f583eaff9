-- Accounts provisioned at their first OpenID Connect sign-in. auth_source is the issuer URI (NULL for local
-- accounts); external_subject is the provider's stable "sub", which links later sign-ins even when the user name
-- claim changes. External accounts have no password: Rampart never checks one for them.
ALTER TABLE app_user ADD COLUMN auth_source VARCHAR(400);
ALTER TABLE app_user ADD COLUMN external_subject VARCHAR(255);
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
CREATE UNIQUE INDEX app_user_external ON app_user (auth_source, external_subject);
