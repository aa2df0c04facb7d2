// Export: one page of every FAMILY relationship, by start id, end id and start date ($skip, $limit).
MATCH (from:Person)-[relationship:FAMILY]->(to:Person)
RETURN from.id AS fromId, to.id AS toId, relationship
ORDER BY fromId, toId, relationship.since
SKIP $skip
LIMIT $limit
