// Export: one page of every contact, by time, professional and person ($skip, $limit). The element id only
// makes the order total, so pages neither repeat nor skip contacts that share a time.
MATCH (professional:Professional)-[contact:CONTACT]->(person:Person)
RETURN professional.id AS fromId, person.id AS toId, contact AS relationship
ORDER BY contact.at, fromId, toId, elementId(contact)
SKIP $skip
LIMIT $limit
