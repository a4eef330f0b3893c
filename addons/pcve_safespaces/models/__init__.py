from . import pcve_venue
from . import pcve_safespace_topic
from . import pcve_safespace_session
from . import pcve_safespace_invitation
from . import pcve_safespace_series
from . import pcve_safespace_busy
from . import res_config_settings
from . import pcve_concern
