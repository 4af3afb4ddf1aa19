using HelpDesk.Application.Features.Messages;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class EditTemplateModel(ISender sender) : PageModel
{
    [BindProperty]
    public TemplateForm Input { get; set; } = new();

    public GetMessageTemplate.Details? Template { get; private set; }

    public PreviewMessageTemplate.Result? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        Template = await sender.Send(new GetMessageTemplate.Query(key), cancellationToken);
        if (Template is null)
        {
            return NotFound();
        }

        Input = new TemplateForm { Subject = Template.Subject, Body = Template.Body };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        Template = await sender.Send(new GetMessageTemplate.Query(key), cancellationToken);
        if (Template is null)
        {
            return NotFound();
        }

        await sender.Send(new EditMessageTemplate.Command(key, Input.Subject, Input.Body), cancellationToken);
        TempData["Confirmation"] = $"Saved. Messages queued from now on use the new wording of “{Template.Name}”.";
        return RedirectToPage("EditTemplate", new { key });
    }

    /// <summary>
    /// The preview with sample values. The editor's script posts the form here and reads JSON; without
    /// script, the Preview button posts the form and the page shows the preview beside it.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(string key, CancellationToken cancellationToken)
    {
        var preview = await sender.Send(new PreviewMessageTemplate.Query(key, Input.Subject, Input.Body), cancellationToken);
        if (preview is null)
        {
            return NotFound();
        }

        if (Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return new JsonResult(new
            {
                problems = preview.Problems,
                subject = preview.Message?.Subject,
                text = preview.Message?.TextBody,
                html = preview.Message?.HtmlBody,
            });
        }

        Template = await sender.Send(new GetMessageTemplate.Query(key), cancellationToken);
        Preview = preview;
        return Page();
    }

    public sealed class TemplateForm
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }
}
