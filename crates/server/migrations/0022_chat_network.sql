-- The network a chat was opened from (the visitor's address as bans key it: an IPv4 address,
-- or the first address of an IPv6 /64), so the chats a network opened in the last hour are a
-- range of one index (`[limits] new_chats_per_ip_per_hour`). NULL: opened before, or unknown.
ALTER TABLE chats ADD COLUMN network TEXT;
CREATE INDEX chats_network ON chats(network, created_at) WHERE network IS NOT NULL;
