from . import pcve_case
from . import pcve_case_member
from . import pcve_case_plan_item
from . import pcve_case_meeting
from . import pcve_case_note
from . import pcve_case_access_log
from . import pcve_case_privacy
from . import res_config_settings
