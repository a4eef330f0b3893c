from markupsafe import Markup, escape

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request, route

from odoo.addons.pcve_base.controllers.portal import PcvePortal


class PcveSafespacesPortal(PcvePortal):
    """The community's pages of safe spaces: the invitations addressed to the
    portal user, the concerns of his organisation and the incidents at the
    sites it runs. Read and written as the portal user (the portal rules of
    ``security/pcve_safespaces_rules.xml``)."""

    def _pcve_portal_sections(self):
        sections = super()._pcve_portal_sections()
        env = request.env
        sections += [
            {
                "sequence": 40,
                "title": env._("Invitations"),
                "text": env._("Safe-space sessions you are invited to"),
                "url": "/my/pcve/invitations",
                "count": env["pcve.safespace.invitation"].search_count(
                    self._pcve_invitations_domain()
                ),
            },
            {
                "sequence": 50,
                "title": env._("Concerns"),
                "text": env._("Raise a concern and read what the municipality did"),
                "url": "/my/pcve/concerns",
                "count": env["pcve.concern"].search_count(self._pcve_concerns_domain()),
            },
        ]
        if env["pcve.site"].search_count(self._pcve_sites_domain(), limit=1):
            sections.append(
                {
                    "sequence": 60,
                    "title": env._("Incidents"),
                    "text": env._("Report an incident at a site you run"),
                    "url": "/my/pcve/incidents",
                    "count": env["pcve.site.incident"].search_count(
                        self._pcve_incidents_domain()
                    ),
                }
            )
        return sections

    def _pcve_invitations_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _pcve_concerns_domain(self):
        organisation = self._pcve_organisation()
        return [("raised_by_partner_id.commercial_partner_id", "=", organisation.id)]

    def _pcve_sites_domain(self):
        return [("partner_id", "=", self._pcve_organisation().id)]

    def _pcve_incidents_domain(self):
        return [("site_id.partner_id", "=", self._pcve_organisation().id)]

    # ----------------------------------------------------------- invitations
    @route(
        ["/my/pcve/invitations", "/my/pcve/invitations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def pcve_invitations(self, page=1, **kw):
        return self._pcve_render_invitations(page)

    @route(
        "/my/pcve/invitations/<int:invitation_id>/<string:answer>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def pcve_invitation_answer(self, invitation_id, answer, **kw):
        """Accept or decline, through the invitation's own moves."""
        invitation = self._pcve_record("pcve.safespace.invitation", invitation_id)
        actions = {
            "accept": invitation.action_accept,
            "decline": invitation.action_decline,
        }
        if answer not in actions:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                actions[answer]()
        except (AccessError, UserError, ValidationError) as error:
            return self._pcve_render_invitations(1, error=error.args[0])
        return request.redirect("/my/pcve/invitations")

    def _pcve_render_invitations(self, page, error=None):
        invitations, pager = self._pcve_page(
            "pcve.safespace.invitation",
            self._pcve_invitations_domain(),
            "/my/pcve/invitations",
            page,
            order="id desc",
        )
        values = self._pcve_values(
            [(request.env._("Invitations"), "/my/pcve/invitations")],
            invitations=invitations,
            pager=pager,
            error=error,
        )
        return request.render("pcve_safespaces.portal_my_invitations", values)

    # -------------------------------------------------------------- concerns
    @route(
        ["/my/pcve/concerns", "/my/pcve/concerns/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def pcve_concerns(self, page=1, **kw):
        return self._pcve_render_concerns(page)

    @route(
        "/my/pcve/concerns", type="http", auth="user", website=True, methods=["POST"]
    )
    def pcve_concern_raise(self, name="", description="", community_id="", **kw):
        """Raise a concern, as the portal user, for his organisation."""
        community = request.env["pcve.community"]
        if community_id.isdigit():
            community = community.browse(int(community_id)).exists()
            community = community._filtered_access("read")
        if not name.strip() or (community_id and not community):
            return self._pcve_render_concerns(
                1, error=request.env._("Give a title, and a community from the list.")
            )
        vals = {
            "name": name.strip(),
            "raised_by_partner_id": request.env.user.partner_id.id,
            "community_id": community.id,
            "reply_wanted": bool(kw.get("reply_wanted")),
        }
        if description.strip():
            vals["description"] = Markup("<p>%s</p>") % escape(description.strip())
        try:
            with request.env.cr.savepoint():
                request.env["pcve.concern"].create(vals)
        except (AccessError, UserError, ValidationError) as error:
            return self._pcve_render_concerns(1, error=error.args[0])
        return request.redirect("/my/pcve/concerns?raised=1")

    def _pcve_render_concerns(self, page, error=None):
        concerns, pager = self._pcve_page(
            "pcve.concern", self._pcve_concerns_domain(), "/my/pcve/concerns", page
        )
        values = self._pcve_values(
            [(request.env._("Concerns"), "/my/pcve/concerns")],
            concerns=concerns,
            pager=pager,
            communities=request.env["pcve.community"].search([], limit=200),
            error=error,
            raised=request.params.get("raised"),
        )
        return request.render("pcve_safespaces.portal_my_concerns", values)

    # ------------------------------------------------------------- incidents
    @route(
        ["/my/pcve/incidents", "/my/pcve/incidents/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def pcve_incidents(self, page=1, **kw):
        return self._pcve_render_incidents(page)

    @route(
        "/my/pcve/incidents", type="http", auth="user", website=True, methods=["POST"]
    )
    def pcve_incident_report(self, site_id="", kind="", description="", **kw):
        """Report an incident at a site the organisation runs."""
        Incident = request.env["pcve.site.incident"]
        site = request.env["pcve.site"].search(
            [
                *self._pcve_sites_domain(),
                ("id", "=", int(site_id) if site_id.isdigit() else 0),
            ]
        )
        kinds = dict(Incident._fields["kind"].selection)
        if not site or kind not in kinds:
            return self._pcve_render_incidents(
                1, error=request.env._("Choose one of your sites and a kind.")
            )
        try:
            with request.env.cr.savepoint():
                Incident.create(
                    {
                        "site_id": site.id,
                        "kind": kind,
                        "occurred_on": kw.get("occurred_on")
                        or fields.Date.context_today(Incident),
                        "description": description.strip() or False,
                    }
                )
        except (AccessError, UserError, ValidationError, ValueError) as error:
            return self._pcve_render_incidents(1, error=str(error.args[0]))
        return request.redirect("/my/pcve/incidents?reported=1")

    def _pcve_render_incidents(self, page, error=None):
        Incident = request.env["pcve.site.incident"]
        incidents, pager = self._pcve_page(
            "pcve.site.incident",
            self._pcve_incidents_domain(),
            "/my/pcve/incidents",
            page,
        )
        values = self._pcve_values(
            [(request.env._("Incidents"), "/my/pcve/incidents")],
            incidents=incidents,
            pager=pager,
            sites=request.env["pcve.site"].search(self._pcve_sites_domain(), limit=50),
            kinds=Incident._fields["kind"]._description_selection(request.env),
            error=error,
            reported=request.params.get("reported"),
        )
        return request.render("pcve_safespaces.portal_my_incidents", values)
