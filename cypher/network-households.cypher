// Open network / expand, one step of the walk: the households the given people live in at $asOf.
// Rows: the membership and both ends. The store records each membership and reaches each household.
UNWIND $personIds AS personId
MATCH (person:Person {id: personId})-[membership:MEMBER_OF]->(household:Household)
WHERE membership.since <= date($asOf) AND (membership.until IS NULL OR membership.until > date($asOf))
RETURN person.id AS fromId, household.id AS toId, membership AS relationship
