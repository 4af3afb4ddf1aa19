using HelpDesk.Domain.Sla;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>How the administration pages name units.</summary>
public static class AdminWords
{
    public static string Describe(this SlaUnit unit) => unit switch
    {
        SlaUnit.ElapsedMinutes => "minutes (elapsed, whatever the calendar)",
        SlaUnit.ElapsedHours => "hours (elapsed, whatever the calendar)",
        SlaUnit.BusinessMinutes => "business minutes (open hours only)",
        SlaUnit.BusinessHours => "business hours (open hours only)",
        _ => "working days (close of business)",
    };
}
