// Export: one page of every Professional, by id ($skip, $limit).
MATCH (node:Professional)
RETURN node
ORDER BY node.id
SKIP $skip
LIMIT $limit
