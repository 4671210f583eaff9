-- Where a live response command came from, as the Action center names it: typed into the console or sent through the API.
ALTER TABLE live_response_command ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'Manual live response action';
CREATE INDEX live_response_command_created ON live_response_command (created_at);
