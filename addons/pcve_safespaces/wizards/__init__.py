from . import pcve_concern_close_wizard
