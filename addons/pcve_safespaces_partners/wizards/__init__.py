from . import pcve_crisis_network_wizard
