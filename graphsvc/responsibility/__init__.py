"""Who is responsible: resolution of lead and cooperating departments with their evidence."""
