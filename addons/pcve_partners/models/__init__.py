from . import pcve_community
from . import res_partner
