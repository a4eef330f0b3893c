from . import pcve_evaluation_review
from . import pcve_evaluation_partner_stat
from . import pcve_evaluation_case_stat
from . import pcve_evaluation_session_stat
from . import pcve_evaluation_concern_stat
from . import res_config_settings
