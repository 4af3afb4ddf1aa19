using HelpDesk.Application.Features.Complaints;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>
/// The acknowledgement letter to print and post, for a case acknowledged by post. It carries the
/// customer's name and address, so like every case page it is for case workers only and never cached.
/// </summary>
public sealed class LetterModel(ISender sender) : PageModel
{
    public GetAcknowledgementLetter.Letter Letter { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var letter = await sender.Send(new GetAcknowledgementLetter.Query(reference), cancellationToken);
        if (letter is null)
        {
            return NotFound();
        }

        Letter = letter;
        return Page();
    }
}
