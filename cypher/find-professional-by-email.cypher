// The professional a signed-in user is: email compared without regard to case ($email is already trimmed).
MATCH (professional:Professional)
WHERE professional.email IS NOT NULL AND toLower(professional.email) = toLower($email)
RETURN professional
ORDER BY professional.id
LIMIT 1
