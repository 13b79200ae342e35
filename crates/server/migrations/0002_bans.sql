-- Bans (issue 14): the chat a ban was decided in, and who lifted it when. A ban is in force
-- while lifted_at IS NULL and until (NULL: for ever, never written by this server) is ahead.
-- bans.ip holds the network key: an IPv4 address, or an IPv6 /64 as its first address.
ALTER TABLE bans ADD COLUMN chat_id INTEGER REFERENCES chats(id);
ALTER TABLE bans ADD COLUMN lifted_at INTEGER;
ALTER TABLE bans ADD COLUMN lifted_by INTEGER REFERENCES operators(id);
CREATE INDEX bans_visitor ON bans(visitor_id);
CREATE INDEX bans_ip ON bans(ip) WHERE ip IS NOT NULL;
