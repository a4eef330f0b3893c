from . import test_safespaces_security
from . import test_safespace_session
from . import test_safespace_confidentiality
from . import test_safespace_series
from . import test_safespace_invitation
from . import test_pcve_concern
from . import test_pcve_crisis
from . import test_safespaces_tour
