// Open network / expand, one step of the walk: the family ties of the given people at $asOf, in either direction.
// fromId/toId keep the tie's own direction (start "is parent of" end); otherId is the relative reached.
UNWIND $personIds AS personId
MATCH (person:Person {id: personId})-[tie:FAMILY]-(relative:Person)
WHERE tie.since <= date($asOf) AND (tie.until IS NULL OR tie.until > date($asOf))
RETURN startNode(tie).id AS fromId, endNode(tie).id AS toId, relative.id AS otherId, tie AS relationship
