using HelpDesk.Application.Features.Conversations;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>
/// A file kept with a case, for staff (docs/email.md, "Attachments"): always a download under its safe
/// name, with the type detected from its bytes and <c>nosniff</c> (the site's security headers), never
/// cached (the case folder's no-store). An HTML file is text/plain here, so it can never render.
/// </summary>
public sealed class AttachmentModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, long id, CancellationToken cancellationToken)
    {
        var file = await sender.Send(new GetCaseAttachment.Query(reference, id), cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        // Said here as well as site-wide: this response is the one that carries a stranger's bytes.
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
