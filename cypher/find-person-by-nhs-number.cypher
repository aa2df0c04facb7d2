// The person another system names by NHS number ($nhsNumber is the ten digits, no spaces).
MATCH (person:Person {nhsNumber: $nhsNumber})
RETURN person
ORDER BY person.id
LIMIT 1
