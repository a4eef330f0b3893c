from . import pcve_case_member
from . import res_company
from . import res_config_settings
