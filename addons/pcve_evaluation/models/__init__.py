# Company settings first: the SQL views read them.
from . import res_company
from . import pcve_evaluation_stat_mixin
from . import pcve_evaluation_review
from . import pcve_evaluation_partner_stat
from . import pcve_evaluation_case_stat
from . import pcve_evaluation_session_stat
from . import pcve_evaluation_concern_stat
from . import pcve_figures_mixin
from . import ir_attachment
from . import res_config_settings
from . import res_users
