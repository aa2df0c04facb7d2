// Record a contact between a professional and a person: one that happened, or a planned one ($planned).
// $at and $recordedAt are UTC instants; $seen and $seenAlone (null: not applicable) say whether the child was seen, and alone.
// Writes only when both exist; the row says which was found.
OPTIONAL MATCH (professional:Professional {id: $professionalId})
OPTIONAL MATCH (person:Person {id: $personId})
CALL (professional, person) {
  WITH professional, person WHERE professional IS NOT NULL AND person IS NOT NULL
  CREATE (professional)-[:CONTACT {at: datetime($at), kind: $kind, planned: $planned, seen: $seen, seenAlone: $seenAlone,
    recordedAt: datetime($recordedAt), recordedBy: $recordedBy}]->(person)
}
RETURN professional IS NOT NULL AS fromFound, person IS NOT NULL AS toFound
