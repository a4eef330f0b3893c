from . import pcve_evaluation_review
