// Open network / expand, one step of the walk: the professionals involved with the given people at $asOf.
// Any row makes its person a client that day.
UNWIND $personIds AS personId
MATCH (person:Person {id: personId})<-[involvement:INVOLVED_WITH]-(professional:Professional)
WHERE involvement.since <= date($asOf) AND (involvement.until IS NULL OR involvement.until > date($asOf))
RETURN professional.id AS fromId, person.id AS toId, involvement AS relationship
