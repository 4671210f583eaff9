-- Per-user display preferences (the time zone pages show times in); one row per account name, local or single sign-on.
CREATE TABLE user_preference (
    username   VARCHAR(200) PRIMARY KEY,
    time_zone  VARCHAR(64) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
