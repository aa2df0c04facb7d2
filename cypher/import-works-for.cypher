// Import: one batch of WORKS_FOR relationships (professional to agency). The store has checked that both ends exist and that none is
// already recorded; "written" lets it check that every row found its ends.
UNWIND $rows AS row
MATCH (from:Professional {id: row.fromId})
MATCH (to:Agency {id: row.toId})
CREATE (from)-[:WORKS_FOR {team: row.team, since: date(row.since), until: date(row.until), recordedAt: datetime(row.recordedAt),
  recordedBy: row.recordedBy}]->(to)
RETURN count(*) AS written
