"""Department names as forms write them: the matching lives in graphsvc/names.py, the one resolver every
loader and API parameter uses; this module keeps the loaders' import path."""

from graphsvc.names import (
    ABBREVIATIONS,
    AmbiguousDepartment,
    Department,
    DepartmentIndex,
    DepartmentMatch,
    Region,
    UnknownDepartment,
    clean,
)

__all__ = [
    "ABBREVIATIONS",
    "AmbiguousDepartment",
    "Department",
    "DepartmentIndex",
    "DepartmentMatch",
    "Region",
    "UnknownDepartment",
    "clean",
]
