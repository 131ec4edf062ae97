// Every index with its kind, what it covers and its state (constraints show as their backing index).
// mode: read
// params:
// returns: name, type, entity_type, labels_or_types, properties, options, state
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, options, state
RETURN name, type, entityType AS entity_type, labelsOrTypes AS labels_or_types, properties, options, state
ORDER BY name
