namespace HelpDesk.Web.Hosting;

public static class Policies
{
    /// <summary>Working cases: agents, supervisors and administrators.</summary>
    public const string CaseWork = "CaseWork";

    /// <summary>Complaint types, the SLA table, calendars, the published policy: administrators only.</summary>
    public const string Administration = "Administration";

    /// <summary>Oversight of everyone's cases (the dashboard): supervisors and administrators.</summary>
    public const string Supervision = "Supervision";
}
