// Export: one page of every WORKS_FOR relationship, by start id, end id and start date ($skip, $limit).
MATCH (from:Professional)-[relationship:WORKS_FOR]->(to:Agency)
RETURN from.id AS fromId, to.id AS toId, relationship
ORDER BY fromId, toId, relationship.since
SKIP $skip
LIMIT $limit
