// Removes the subjects, licences, inspectors, tasks, clues and hops with their links, keeping the reference
// catalogue and the audit log. Only tests/test_bulk_import.py calls it, on the test server, to import a world into
// the same reference it loaded that world onto.
// mode: write
// params:
// returns: deleted
MATCH (n)
WHERE n:Subject OR n:Licence OR n:Inspector OR n:InspectionTask OR n:Clue OR n:Referral
DETACH DELETE n
RETURN count(n) AS deleted
