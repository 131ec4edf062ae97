"""Can these inspections be merged: pre-scheduling checks, plan-wide joint inspections, 双随机 draws."""
