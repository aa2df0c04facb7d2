// Open network / expand, one step of the walk: the people living in the given households at $asOf.
UNWIND $householdIds AS householdId
MATCH (household:Household {id: householdId})<-[membership:MEMBER_OF]-(person:Person)
WHERE membership.since <= date($asOf) AND (membership.until IS NULL OR membership.until > date($asOf))
RETURN person.id AS fromId, household.id AS toId, membership AS relationship
