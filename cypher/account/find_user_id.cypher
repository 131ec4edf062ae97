// The id of the user who signs in with this user name, if any.
// mode: read
// params: username
// returns: id
MATCH (u:User {username: $username})
RETURN u.id AS id
