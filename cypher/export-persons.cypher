// Export: one page of every Person, by id ($skip, $limit).
MATCH (node:Person)
RETURN node
ORDER BY node.id
SKIP $skip
LIMIT $limit
