from . import test_pcve_base
