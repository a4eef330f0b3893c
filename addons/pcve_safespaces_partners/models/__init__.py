from . import pcve_safespace_session
from . import res_company
from . import res_config_settings
