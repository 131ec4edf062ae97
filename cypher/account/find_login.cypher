// The console user with this user name and their password hash, for checking a sign-in.
// mode: read
// params: username
// returns: id, password_hash
MATCH (u:User {username: $username})
WHERE u.password_hash IS NOT NULL
RETURN u.id AS id, u.password_hash AS password_hash
