// Export: one page of every Household, by id ($skip, $limit).
MATCH (node:Household)
RETURN node
ORDER BY node.id
SKIP $skip
LIMIT $limit
