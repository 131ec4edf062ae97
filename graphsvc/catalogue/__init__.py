"""The hot catalogue: the reference graph (regions, departments, functions, performers, matters, assignments,
articles) held in process as a read model, invalidated by a version every catalogue write changes."""
