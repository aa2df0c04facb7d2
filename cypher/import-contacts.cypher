// Import: one batch of contacts (professional to person). The store has checked that both ends exist.
UNWIND $rows AS row
MATCH (professional:Professional {id: row.fromId})
MATCH (person:Person {id: row.toId})
CREATE (professional)-[:CONTACT {at: datetime(row.at), kind: row.kind, planned: row.planned, seen: row.seen, seenAlone: row.seenAlone,
  recordedAt: datetime(row.recordedAt), recordedBy: row.recordedBy}]->(person)
RETURN count(*) AS written
