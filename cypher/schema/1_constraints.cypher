// The constraints of the graph model. Generated from graphsvc/model.yaml by `graphsvc schema export`;
// edit the model, not this file. Idempotent: every statement says IF NOT EXISTS.
// mode: schema
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT department_id IF NOT EXISTS FOR (n:Department) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT function_id IF NOT EXISTS FOR (n:Function) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT legal_basis_id IF NOT EXISTS FOR (n:LegalBasis) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT basis_version_id IF NOT EXISTS FOR (n:BasisVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT domain_id IF NOT EXISTS FOR (n:Domain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT subject_type_id IF NOT EXISTS FOR (n:SubjectType) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT matter_id IF NOT EXISTS FOR (n:Matter) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT assignment_id IF NOT EXISTS FOR (n:Assignment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT subject_id IF NOT EXISTS FOR (n:Subject) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT licence_id IF NOT EXISTS FOR (n:Licence) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT inspector_id IF NOT EXISTS FOR (n:Inspector) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT inspection_plan_id IF NOT EXISTS FOR (n:InspectionPlan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT inspection_task_id IF NOT EXISTS FOR (n:InspectionTask) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT joint_inspection_id IF NOT EXISTS FOR (n:JointInspection) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT merge_plan_id IF NOT EXISTS FOR (n:MergePlan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT random_draw_id IF NOT EXISTS FOR (n:RandomDraw) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT clue_id IF NOT EXISTS FOR (n:Clue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT referral_id IF NOT EXISTS FOR (n:Referral) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dispute_id IF NOT EXISTS FOR (n:Dispute) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ruling_id IF NOT EXISTS FOR (n:Ruling) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.token_hash IS UNIQUE;
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
