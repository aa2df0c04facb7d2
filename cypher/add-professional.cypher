// Add a professional, unless one with the id exists. $roles is a list of role names as in the bulk format
// (Practitioner, Coordinator, InformationGovernance, Administrator).
OPTIONAL MATCH (existing:Professional {id: $id})
CALL (existing) {
  WITH existing WHERE existing IS NULL
  CREATE (:Professional {id: $id, givenName: $givenName, familyName: $familyName, jobTitle: $jobTitle,
    phone: $phone, email: $email, roles: $roles})
}
RETURN existing IS NOT NULL AS alreadyExists
