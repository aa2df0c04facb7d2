// Export: one page of every STATUS relationship, by start id, end id and start date ($skip, $limit).
MATCH (from:Agency)-[relationship:STATUS]->(to:Person)
RETURN from.id AS fromId, to.id AS toId, relationship
ORDER BY fromId, toId, relationship.since
SKIP $skip
LIMIT $limit
