using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Web.Pages.Admin.Sla;

/// <summary>What the SLA row forms post: the row's key (when adding), its calendar and three targets.</summary>
public sealed class SlaRowForm
{
    public int? ComplaintTypeId { get; set; }
    public Priority? Priority { get; set; }
    public int? CalendarId { get; set; }
    public TargetForm Acknowledge { get; set; } = new();
    public TargetForm Resolve { get; set; } = new();
    public TargetForm FollowUp { get; set; } = new();
    public bool ApplyToOpenCases { get; set; }

    public static SlaRowForm From(GetSlaRule.Row row) => new()
    {
        CalendarId = row.CalendarId,
        Acknowledge = TargetForm.From(row.Acknowledge),
        Resolve = TargetForm.From(row.Resolve),
        FollowUp = TargetForm.From(row.FollowUp),
    };

    public sealed class TargetForm
    {
        public int? Amount { get; set; }
        public SlaUnit? Unit { get; set; }

        public static TargetForm From(SlaTarget target) => new() { Amount = target.Amount, Unit = target.Unit };

        public SlaTargetInput ToInput() => new(Amount, Unit);
    }
}

/// <summary>A confirmation that says who the edit reached.</summary>
internal static class SlaConfirmation
{
    public static string Of(string what, int casesRecomputed, bool applied) =>
        applied
            ? $"{what} {casesRecomputed} open case(s) recomputed from their received time."
            : $"{what} It applies to cases logged from now on; open cases keep their deadlines.";
}
