from . import test_pcve_audit
