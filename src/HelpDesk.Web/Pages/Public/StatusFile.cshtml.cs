using HelpDesk.Application.Features.Customers;

namespace HelpDesk.Web.Pages.Public;

/// <summary>
/// A file on the status page, for the browser let into that case (<see cref="CustomerCaseAccess"/>),
/// served as staff downloads are (docs/email.md, "Attachments"): always a download under its safe name,
/// the type detected from its bytes, <c>nosniff</c>, never cached (the public folder's no-store). Any
/// other file, or no access, is 404.
/// </summary>
[AllowAnonymous]
public sealed class StatusFileModel(ISender sender, CustomerCaseAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (access.Read(HttpContext) is not { } visit
            || await sender.Send(new GetCustomerAttachment.Query(visit.Reference, visit.Contact, id), cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
