// The fulltext of the graph model. Generated from graphsvc/model.yaml by `graphsvc schema export`;
// edit the model, not this file. Idempotent: every statement says IF NOT EXISTS.
// mode: schema
CREATE FULLTEXT INDEX region_text IF NOT EXISTS FOR (n:Region) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX department_text IF NOT EXISTS FOR (n:Department) ON EACH [n.name, n.short_name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX function_text IF NOT EXISTS FOR (n:Function) ON EACH [n.name, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX legal_basis_text IF NOT EXISTS FOR (n:LegalBasis) ON EACH [n.title, n.short_title] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX article_text IF NOT EXISTS FOR (n:Article) ON EACH [n.gist, n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX matter_text IF NOT EXISTS FOR (n:Matter) ON EACH [n.name, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX matter_words IF NOT EXISTS FOR (n:Matter) ON EACH [n.search_words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX subject_text IF NOT EXISTS FOR (n:Subject) ON EACH [n.name, n.address] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX clue_text IF NOT EXISTS FOR (n:Clue) ON EACH [n.title, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX dispute_text IF NOT EXISTS FOR (n:Dispute) ON EACH [n.text, n.statement] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
