from . import pcve_case_member
