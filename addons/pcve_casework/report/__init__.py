from . import pcve_case_report
