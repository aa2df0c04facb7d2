// Export: one page of every MEMBER_OF relationship, by start id, end id and start date ($skip, $limit).
MATCH (from:Person)-[relationship:MEMBER_OF]->(to:Household)
RETURN from.id AS fromId, to.id AS toId, relationship
ORDER BY fromId, toId, relationship.since
SKIP $skip
LIMIT $limit
