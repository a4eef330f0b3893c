from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request, route

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class PcvePortal(CustomerPortal):
    """The community portal's home, ``/my/pcve``, and its card on ``/my``.

    Each domain addon adds its pages in its own controller (a subclass of this
    one) and lists them in :meth:`_pcve_portal_sections`: a page is there when
    its addon is installed. Records are read as the portal user: the record
    rules of ``base.group_portal`` scope them to the user's organisation.
    """

    _pcve_items_per_page = 20

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pcve_count" in counters:
            values["pcve_count"] = sum(
                section["count"] for section in self._pcve_portal_sections()
            )
        return values

    def _pcve_portal_sections(self):
        """The pages of the community portal, as dicts with ``sequence``,
        ``title``, ``text``, ``url`` and ``count``: each addon adds its own."""
        return []

    def _pcve_organisation(self):
        """The organisation the portal user acts for."""
        return request.env.user.partner_id.commercial_partner_id

    def _pcve_values(self, crumbs, **values):
        """The layout values of a page, under "Community engagement" in the
        breadcrumbs: ``crumbs`` are the (title, url) pairs below it."""
        home = (request.env._("Community engagement"), "/my/pcve")
        return dict(
            self._prepare_portal_layout_values(),
            page_name="pcve",
            pcve_crumbs=[home, *crumbs],
            organisation=self._pcve_organisation(),
            **values,
        )

    def _pcve_page(self, model, domain, url, page, order=None):
        """One page of the portal user's ``model`` records and its pager."""
        records = request.env[model]
        total = records.search_count(domain)
        pager = portal_pager(
            url=url, total=total, page=page, step=self._pcve_items_per_page
        )
        found = records.search(
            domain, order=order, limit=self._pcve_items_per_page, offset=pager["offset"]
        )
        return found, pager

    def _pcve_record(self, model, record_id):
        """The record as the portal user may read it, else 404 (a guessed id
        of another organisation's record gives the same answer as a missing
        one)."""
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            if not record.exists():
                raise MissingError(model)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return record

    def _pcve_pdf(self, record, report_ref, filename):
        """``report_ref`` of ``record`` as a PDF download. The report runs as
        the superuser (the portal user may not run staff reports): call it only
        on a record :meth:`_pcve_record` returned, with a report that prints
        what the portal user may read of it."""
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_company(record.company_id)
            ._render_qweb_pdf(report_ref, record.ids)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(f"{filename}.pdf")),
            ],
        )

    @route("/my/pcve", type="http", auth="user", website=True, readonly=True)
    def pcve_home(self, **kw):
        sections = sorted(self._pcve_portal_sections(), key=lambda s: s["sequence"])
        return request.render(
            "pcve_base.portal_my_pcve", self._pcve_values([], sections=sections)
        )
