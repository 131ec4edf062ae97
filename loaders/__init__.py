"""Importers: files users and the project bring, validated row by row, then written in batches."""
