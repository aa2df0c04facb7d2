// Import: one batch of STATUS relationships (agency to person). The store has checked that both ends exist and that none is
// already recorded; "written" lets it check that every row found its ends.
UNWIND $rows AS row
MATCH (from:Agency {id: row.fromId})
MATCH (to:Person {id: row.toId})
CREATE (from)-[:STATUS {status: row.status, since: date(row.since), until: date(row.until), recordedAt: datetime(row.recordedAt),
  recordedBy: row.recordedBy}]->(to)
RETURN count(*) AS written
