// Open network / expand, last step of the walk: the agencies the given professionals work for at $asOf.
// The walk stops at an agency: nothing is ever reached through one.
UNWIND $professionalIds AS professionalId
MATCH (professional:Professional {id: professionalId})-[employment:WORKS_FOR]->(agency:Agency)
WHERE employment.since <= date($asOf) AND (employment.until IS NULL OR employment.until > date($asOf))
RETURN professional.id AS fromId, agency.id AS toId, employment AS relationship
