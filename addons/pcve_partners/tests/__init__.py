from . import test_pcve_community
from . import test_pcve_partner_assessment
from . import test_pcve_partners_security
from . import test_pcve_language_rule
from . import test_pcve_agreement
from . import test_res_config_settings
from . import test_i18n
from . import test_pcve_assessment_concurrency
