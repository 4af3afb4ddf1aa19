namespace HelpDesk.Web.Hosting;

public static class Policies
{
    /// <summary>Working cases: agents, supervisors and administrators.</summary>
    public const string CaseWork = "CaseWork";
}
