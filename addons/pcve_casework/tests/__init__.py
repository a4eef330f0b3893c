from . import test_casework_security
from . import test_pcve_case_member
from . import test_pcve_case_access
from . import test_pcve_case_access_log
from . import test_pcve_case_stage
from . import test_pcve_case_retention
from . import test_pcve_case_demo
from . import test_pcve_case_tour
