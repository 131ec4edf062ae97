"""What the project gives analysts in the Neo4j Browser: a guide, a style and favourites, served by the API."""
