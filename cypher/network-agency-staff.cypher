// Expand an agency: an agency is a supernode, so only the number of professionals working there at $asOf is
// counted; none of them is returned.
MATCH (agency:Agency {id: $agencyId})<-[employment:WORKS_FOR]-(professional:Professional)
WHERE employment.since <= date($asOf) AND (employment.until IS NULL OR employment.until > date($asOf))
RETURN count(DISTINCT professional) AS staff
