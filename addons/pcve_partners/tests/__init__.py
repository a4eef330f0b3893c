from . import test_pcve_community
