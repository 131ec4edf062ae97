"""Synthetic supervision data for demos, tests and benchmarks: `generate(scale, seed, out, reference_dir)`
writes CSV files that loaders/entities.py loads with zero rejected rows, the same bytes for the same seed.

Subjects with valid USCC codes and plausible names and addresses spread over the reference's counties
and trades; licences (some approved by a 行政审批局, some turned into filings); inspector rosters with a
few conflicts of interest; a year of inspection tasks by the departments the catalogue makes responsible,
overlapping the way real plans do; clues whose referral chains loop, bounce, stall or cross borders.
"""

from loaders.synthetic.dataset import AS_OF, SCALES, YEAR, Scale, generate

__all__ = ["AS_OF", "SCALES", "YEAR", "Scale", "generate"]
