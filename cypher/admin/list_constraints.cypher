// Every constraint with its kind and what it covers.
// mode: read
// params:
// returns: name, type, labels_or_types, properties
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
RETURN name, type, labelsOrTypes AS labels_or_types, properties
ORDER BY name
