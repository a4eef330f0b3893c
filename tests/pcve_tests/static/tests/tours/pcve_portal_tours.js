import {registry} from "@web/core/registry";

// The community portal as a partner organisation's portal user (partnerportal):
// each form posts and the page that comes back is waited for.
const tours = registry.category("web_tour.tours");

tours.add("pcve_portal_charter_tour", {
    steps: () => [
        {
            content: "The charter from the community portal's home",
            trigger: "a[href='/my/pcve/charter']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "input[name=signatory]",
            run: "edit Karin Bos, chair",
        },
        {
            trigger: "button[type=submit]:contains(Sign the charter)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Signed, once, on behalf of the organisation",
            trigger: ".alert-success:contains(the charter is signed)",
        },
        {
            trigger: ".alert-info:contains(Karin Bos, chair)",
        },
    ],
});

tours.add("pcve_portal_invitation_tour", {
    steps: () => [
        {
            content: "The invitations from the community portal's home",
            trigger: "a[href='/my/pcve/invitations']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "tr:contains(circle Overvecht) .o_pcve_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: "tr:contains(circle Overvecht) .o_pcve_answer:contains(Accepted)",
        },
    ],
});

tours.add("pcve_portal_concern_tour", {
    steps: () => [
        {
            content: "The concerns from the community portal's home",
            trigger: "a[href='/my/pcve/concerns']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "input[name=name]",
            run: "edit Tour concern: the swings are broken",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit Two swings in the playground have been broken for weeks.",
        },
        {
            trigger: "button[type=submit]:contains(Send)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Registered, in the list of the organisation's concerns",
            trigger: ".alert-success:contains(your concern is registered)",
        },
        {
            trigger: "td:contains(Tour concern: the swings are broken)",
        },
    ],
});

tours.add("pcve_portal_concern_reply_tour", {
    steps: () => [
        {
            trigger: "a[href='/my/pcve/concerns']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "You said, we did: the reply once sent",
            trigger:
                "tr:contains(Tour concern: the swings are broken) .o_pcve_reply:contains(The swings were repaired)",
        },
    ],
});
