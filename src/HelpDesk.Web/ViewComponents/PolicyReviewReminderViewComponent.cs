using HelpDesk.Application.Features.Policy;

namespace HelpDesk.Web.ViewComponents;

/// <summary>
/// The staff layout's reminder that the policy's yearly review is due. Shown to signed-in staff only;
/// the public never sees the desk's housekeeping.
/// </summary>
public sealed class PolicyReviewReminderViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (User.Identity?.IsAuthenticated != true || !StaffRoles.All.Any(((System.Security.Claims.ClaimsPrincipal)User).IsInRole))
        {
            return Content("");
        }

        var review = await sender.Send(new GetPolicyReview.Query(), HttpContext.RequestAborted);
        return review.IsDue ? View(review) : Content("");
    }
}
