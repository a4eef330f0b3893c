from . import pcve_crisis
from . import pcve_crisis_contact
from . import pcve_safespace_session
from . import res_company
from . import res_config_settings
