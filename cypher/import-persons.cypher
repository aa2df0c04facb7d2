// Import: one batch of people ($rows: maps with the add-person values). The store has checked every row.
UNWIND $rows AS row
CREATE (:Person {id: row.id, givenName: row.givenName, familyName: row.familyName, dateOfBirth: date(row.dateOfBirth),
  gender: row.gender, nhsNumber: row.nhsNumber})
RETURN count(*) AS written
