// Export: one page of every Agency, by id ($skip, $limit).
MATCH (node:Agency)
RETURN node
ORDER BY node.id
SKIP $skip
LIMIT $limit
