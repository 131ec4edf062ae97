"""The two forms of seed 003 that users fill in: 附件1 监管事项清单 and 附件2 工作计划."""

from loaders.forms.matters import load_matters_form
from loaders.forms.plans import load_plans_form

__all__ = ["load_matters_form", "load_plans_form"]
