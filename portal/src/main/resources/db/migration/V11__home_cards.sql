-- Home page cards chosen and ordered by each user. A user without a home_layout row sees their role's default
-- set; once they customise, home_layout marks it and home_card holds their cards in order (possibly none).
CREATE TABLE home_layout (
    username   VARCHAR(100) PRIMARY KEY,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE home_card (
    username VARCHAR(100) NOT NULL REFERENCES home_layout (username) ON DELETE CASCADE,
    card_id  VARCHAR(64) NOT NULL,
    position INT NOT NULL,
    PRIMARY KEY (username, card_id)
);
