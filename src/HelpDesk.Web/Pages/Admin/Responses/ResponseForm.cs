namespace HelpDesk.Web.Pages.Admin.Responses;

public sealed class ResponseForm
{
    public string? Name { get; set; }
    public string? Body { get; set; }
}
