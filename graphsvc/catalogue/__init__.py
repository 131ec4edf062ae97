"""The catalogue as the API and the console read it: matters, departments, regions, subjects, law texts and the
look-ups behind the pickers. Each module holds its result models and the reads that fill them; routes only parse
and call."""
