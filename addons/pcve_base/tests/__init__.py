from . import test_pcve_base
from . import test_pcve_input_mixin
from . import test_superuser_doors
