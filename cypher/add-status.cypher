// Record a person's status (child protection plan, looked after...) held by the agency responsible for it.
// Writes only when both ends exist and no STATUS with the same ends and start date does (that combination
// identifies a relationship); MERGE locks both ends, so two writers racing cannot record it twice.
// Rows: which end was found and whether it was already recorded; the store turns them into the rule broken.
OPTIONAL MATCH (from:Agency {id: $fromId})
OPTIONAL MATCH (to:Person {id: $toId})
OPTIONAL MATCH (from)-[existing:STATUS {since: date($since)}]->(to)
WITH from, to, count(existing) AS existing
CALL (from, to, existing) {
  WITH * WHERE from IS NOT NULL AND to IS NOT NULL AND existing = 0
  MERGE (from)-[relationship:STATUS {since: date($since)}]->(to)
  ON CREATE SET relationship += {status: $status, until: date($until), recordedAt: datetime($recordedAt), recordedBy: $recordedBy}
}
RETURN from IS NOT NULL AS fromFound, to IS NOT NULL AS toFound, existing > 0 AS alreadyRecorded
