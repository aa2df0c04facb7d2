// End an open STATUS relationship identified by its ends and start date: set its end date $until and who ended it
// when. Nothing is ever deleted. Writes only when it exists, is still open and $until is after its start; the
// row tells the store which of those failed (previousUntil: the end date it already had).
OPTIONAL MATCH (from:Agency {id: $fromId})
OPTIONAL MATCH (to:Person {id: $toId})
OPTIONAL MATCH (from)-[relationship:STATUS {since: date($since)}]->(to)
WITH from, to, relationship, relationship.until AS previousUntil
LIMIT 1
CALL (relationship, previousUntil) {
  WITH * WHERE relationship IS NOT NULL AND previousUntil IS NULL AND date($until) > relationship.since
  SET relationship.until = date($until), relationship.endedAt = datetime($endedAt), relationship.endedBy = $endedBy
}
RETURN from IS NOT NULL AS fromFound, to IS NOT NULL AS toFound, relationship IS NOT NULL AS found,
  previousUntil
