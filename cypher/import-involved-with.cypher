// Import: one batch of INVOLVED_WITH relationships (professional to person). The store has checked that both ends exist and that none is
// already recorded; "written" lets it check that every row found its ends.
UNWIND $rows AS row
MATCH (from:Professional {id: row.fromId})
MATCH (to:Person {id: row.toId})
CREATE (from)-[:INVOLVED_WITH {role: row.role, lead: row.lead, sensitive: row.sensitive, since: date(row.since), until: date(row.until), recordedAt: datetime(row.recordedAt),
  recordedBy: row.recordedBy}]->(to)
RETURN count(*) AS written
