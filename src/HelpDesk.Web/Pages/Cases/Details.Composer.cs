using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Features.Responses;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>The case page's reply composer: sending a reply (docs/email.md, "Replying from the case") and filling it from a canned response.</summary>
public sealed partial class DetailsModel
{
    public async Task<IActionResult> OnPostReplyAsync(string reference, CancellationToken cancellationToken)
    {
        var files = new List<OutgoingFile>();
        foreach (var file in Composer.Attachments ?? [])
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            files.Add(new OutgoingFile(file.FileName, content.ToArray()));
        }

        var command = new ReplyToCustomer.Command(reference, Composer.Text)
        {
            Channel = Composer.Channel,
            Attachments = files,
            Then = Composer.Then,
            WhatIsNeeded = Composer.WhatIsNeeded,
            Analysis = Composer.Analysis,
        };
        return await SendAsync(nameof(Composer), reference, command, _ => Composer.Channel switch
        {
            ReplyChannel.InternalNote => "Internal note added.",
            ReplyChannel.Email => "Reply emailed to the customer" + Then(),
            _ => "Reply recorded as given" + Then(),
        }, cancellationToken);

        string Then() => Composer.Then switch
        {
            AfterSending.WaitOnCustomer => "; the case waits on the customer.",
            AfterSending.Resolve => "; resolved: the follow-up clock has started.",
            _ => ".",
        };
    }

    /// <summary>
    /// The composer's "Use" button (it works without script): the chosen canned response, filled from
    /// the case, becomes the text, and the form is shown again with everything else as it was typed.
    /// Files cannot be posted back to a browser, so they are chosen again.
    /// </summary>
    public async Task<IActionResult> OnPostUseResponseAsync(string reference, CancellationToken cancellationToken)
    {
        OpenForm = nameof(Composer);
        _reference = reference;
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        // Filling the composer is refused, like every step, to someone the case is not in the care of.
        if (!Case.InYourCare)
        {
            return Forbid();
        }

        var filled = Composer.ResponseId is { } id ? await sender.Send(new FillCannedResponse.Query(reference, id), cancellationToken) : null;
        ModelState.Clear();
        if (filled is null)
        {
            ModelState.AddModelError($"{nameof(Composer)}.{nameof(ComposerForm.ResponseId)}", "Choose one of the listed responses.");
        }
        else
        {
            Composer.Text = filled;
        }

        return Page();
    }

    public sealed class ComposerForm
    {
        public ReplyChannel? Channel { get; set; }
        public int? ResponseId { get; set; }
        public string? Text { get; set; }
        public List<IFormFile>? Attachments { get; set; }
        public AfterSending? Then { get; set; } = AfterSending.LeaveUnchanged;
        public string? WhatIsNeeded { get; set; }
        public string? Analysis { get; set; }
    }
}
