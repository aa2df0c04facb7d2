// Import: one batch of MEMBER_OF relationships (person to household). The store has checked that both ends exist and that none is
// already recorded; "written" lets it check that every row found its ends.
UNWIND $rows AS row
MATCH (from:Person {id: row.fromId})
MATCH (to:Household {id: row.toId})
CREATE (from)-[:MEMBER_OF {since: date(row.since), until: date(row.until), recordedAt: datetime(row.recordedAt),
  recordedBy: row.recordedBy}]->(to)
RETURN count(*) AS written
