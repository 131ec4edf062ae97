"""The service's codes in the words that go into documents (the console shows the same words)."""

from __future__ import annotations

RULES = {
    "ruling": "编办裁定:本地区已有编办(会同司法局)对该事项作出的职责裁定,按裁定执行",
    "licence": "谁审批、谁监管:由核发该许可(备案)的部门负责监管",
    "assignment": "明确分工:事项清单或三定规定把该事项明确分配给该部门",
    "locality_level": "属地与层级:由本地区在该层级履行所指定职能的部门承担",
    "legal_text": "法律条文:按法律条文所指定的职能,由本地区履行该职能的部门承担",
    "devolution": "交由街道乡镇行使:省级决定依行政处罚法第二十四条把县级部门的行政处罚权交由该街道/乡镇行使",
}

FLAGS = {
    "GAP": "职责空白:在查询日没有任何部门承担该职责,需要编办明确",
    "CONFLICT": "职责交叉:两个以上部门同时被认定为牵头,可能需要协调或裁定",
    "STALE_BASIS": "依据已失效:所引用的法律条款在查询日已修改或废止,需核对新版本",
    "WEAK_MATCH": "匹配度低:描述与该事项用词重合较少,请核对是否为同一事项",
    "SUGGESTION": "参考建议:没有明确依据时给出的参考,不作为认定结论",
    "OVERLAP": "法定交叉:法律把该行为交给多个部门或“有关部门”,需按法定规则确定(见候选与规则)",
    "NO_MATCH": "未找到对应事项:按首接负责处理,必要时提请编办协调(编制条例第十条)",
    "NOT_APPLICABLE": "不适用:该事项所依据的地方性法规在本地区不适用",
    "DEVOLVED": "已交由街道乡镇:省级决定把该事项的行政处罚权交由本街道/乡镇行使,原县级部门负责协调、指导、监督",
    "DEVOLUTION_POSSIBLE": "部分街道乡镇已承接:该事项的行政处罚权在所列街道/乡镇已交由其行使,请确认监管对象所在地",
}

AUDIT_KINDS = {
    "GAP": "职责空白",
    "CONFLICT": "职责交叉",
    "STALE_BASIS": "依据失效",
    "OVERLAP": "法定交叉",
    "FUNCTION_WITHOUT_PERFORMER": "职能无部门履行",
    "DEPARTMENT_WITHOUT_INSPECTORS": "部门无执法人员",
}
