from . import pcve_assessment_approve_wizard
