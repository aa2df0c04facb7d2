// Export: one page of every INVOLVED_WITH relationship, by start id, end id and start date ($skip, $limit).
MATCH (from:Professional)-[relationship:INVOLVED_WITH]->(to:Person)
RETURN from.id AS fromId, to.id AS toId, relationship
ORDER BY fromId, toId, relationship.since
SKIP $skip
LIMIT $limit
