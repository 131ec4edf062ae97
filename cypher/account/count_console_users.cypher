// How many users can sign in to the console (have a password).
// mode: read
// params:
// returns: users
MATCH (u:User)
WHERE u.password_hash IS NOT NULL
RETURN count(u) AS users
