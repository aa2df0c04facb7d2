// A person's network revision: how many changes it has had through the store's change sets, and who made the last.
// A person never changed through one has no revision property yet: 0.
MATCH (person:Person {id: $personId})
RETURN coalesce(person.revision, 0) AS revision, person.revisedBy AS revisedBy, person.revisedAt AS revisedAt
