"""Documents a clerk files or sends: the 职责认定意见 (.docx) and the worklist (.xlsx)."""
