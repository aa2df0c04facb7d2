// How many contacts are planned from $firstDayStart to $lastDayEnd (the total of the planned-contacts pages).
MATCH (:Professional)-[contact:CONTACT]->(:Person)
WHERE contact.planned = true AND contact.at >= datetime($firstDayStart) AND contact.at < datetime($lastDayEnd)
RETURN count(contact) AS contacts
