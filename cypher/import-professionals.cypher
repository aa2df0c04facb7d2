// Import: one batch of professionals. The store has checked every row.
UNWIND $rows AS row
CREATE (:Professional {id: row.id, givenName: row.givenName, familyName: row.familyName, jobTitle: row.jobTitle,
  phone: row.phone, email: row.email, roles: row.roles})
RETURN count(*) AS written
