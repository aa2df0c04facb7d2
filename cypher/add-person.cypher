// Add a person, unless one with the id exists. Optional values are null (the property is then not set);
// $dateOfBirth is yyyy-MM-dd, $gender female/male/other, $nhsNumber ten digits.
OPTIONAL MATCH (existing:Person {id: $id})
CALL (existing) {
  WITH existing WHERE existing IS NULL
  CREATE (:Person {id: $id, givenName: $givenName, familyName: $familyName, dateOfBirth: date($dateOfBirth),
    gender: $gender, nhsNumber: $nhsNumber})
}
RETURN existing IS NOT NULL AS alreadyExists
