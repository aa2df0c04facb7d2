// Import: one batch of households. The store has checked every row.
UNWIND $rows AS row
CREATE (:Household {id: row.id, name: row.name, address: row.address, postcode: row.postcode})
RETURN count(*) AS written
