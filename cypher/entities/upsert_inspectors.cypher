// Writes inspectors of the departments' rosters, each a member of one department.
// The links a row no longer names are removed just before by entities/unlink_inspectors, in the same transaction.
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (d:Department {id: row.department_id})
MERGE (i:Inspector {id: row.id})
  ON CREATE SET i.created_at = datetime(), i.created_by = $actor
SET i.name = row.name, i.cert_no = row.cert_no, i.qualifications = row.qualifications,
    i.specialties = row.specialties, i.updated_at = datetime(), i.updated_by = $actor
MERGE (i)-[member:MEMBER_OF]->(d)
SET member.updated_at = datetime(), member.updated_by = $actor
RETURN count(*) AS written
