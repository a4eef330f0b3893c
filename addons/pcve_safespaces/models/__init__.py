# Company settings first: the SQL views read them.
from . import res_company
from . import pcve_safespace_mixin
from . import pcve_venue
from . import pcve_safespace_topic
from . import pcve_safespace_session
from . import pcve_safespace_session_figures
from . import pcve_safespace_invitation
from . import pcve_safespace_series
from . import pcve_safespace_busy
from . import res_config_settings
from . import res_users
from . import pcve_concern
from . import pcve_concern_figures
from . import pcve_crisis_playbook_step
from . import pcve_crisis
from . import pcve_crisis_figures
