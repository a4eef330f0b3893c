from . import pcve_case_referral_answer
