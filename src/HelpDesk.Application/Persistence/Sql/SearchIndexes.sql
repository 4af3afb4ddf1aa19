-- Indexes EF Core cannot model (docs/architecture.md, "Queues and search").
-- An email typed into the search box matches in any case: an expression index.
CREATE INDEX IF NOT EXISTS ix_complaints_customer_email_lower ON complaints (lower(customer_email));
