// Import: one batch of agencies. The store has checked every row.
UNWIND $rows AS row
CREATE (:Agency {id: row.id, name: row.name, kind: row.kind, phone: row.phone, sensitive: row.sensitive, outOfHoursPhone: row.outOfHoursPhone})
RETURN count(*) AS written
