// Search people by date of birth ($dateOfBirth: yyyy-MM-dd), ordered by name.
MATCH (person:Person)
WHERE person.dateOfBirth = date($dateOfBirth)
RETURN person
ORDER BY person.familyName, person.givenName, person.id
LIMIT $limit
