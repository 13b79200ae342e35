-- The site's own id of a logged-in customer, set once the server has verified the site's hash
-- of it (`identify`). Rows of one customer (their browsers) are linked by it: the card counts
-- their visits and chats together and lists their chats from every browser. NULL: unverified.
ALTER TABLE visitors ADD COLUMN customer_id TEXT;
CREATE INDEX visitors_customer ON visitors(customer_id) WHERE customer_id IS NOT NULL;
