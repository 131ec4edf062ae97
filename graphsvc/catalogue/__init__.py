"""The catalogue as the API, the console and resolution read it.

- matters, departments, regions, subjects, laws: each module holds its result models and the reads that fill them;
  routes only parse and call.
- read_model, cache: the hot catalogue, the reference graph (regions, departments, functions, performers, matters,
  assignments, articles) held in process, invalidated by the version every catalogue write changes
  (graphsvc/catalogue_version.py, which the Runner applies).
"""
