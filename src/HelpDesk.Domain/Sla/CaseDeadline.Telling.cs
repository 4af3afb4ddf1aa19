using System.Globalization;

namespace HelpDesk.Domain.Sla;

/// <summary>How a deadline is told to people: its whole story line by line, and where it stands now.</summary>
public sealed partial class CaseDeadline
{
    /// <summary>The deadline in human-readable lines: the row, the calendar, the target, the start, the pauses, the extensions, the outcome.</summary>
    public IReadOnlyList<string> Explain()
    {
        var lines = new List<string>
        {
            $"{Name} due {Local(Due)}.",
            $"SLA row: {RowLabel}.",
            $"Calendar: {CalendarName} (times in {TimeZoneId}).",
            $"Target: {Target.DescribeRule()}.",
            $"Clock started {Local(StartedAt)} {StartedBy switch
            {
                ClockStart.Reopened => "when the case was reopened",
                ClockStart.Resolved => "when the case was resolved",
                _ => "when the customer made contact",
            }}; the target alone gives {Local(TargetDue)}.",
        };

        foreach (var recomputation in _recomputations)
        {
            lines.Add($"Recomputed {Local(recomputation.At)} ({recomputation.Reason}): it was {recomputation.PreviousTarget.Describe()} from the row \"{recomputation.PreviousRowLabel}\", due {Local(recomputation.PreviousDue)}.");
        }

        lines.AddRange(StepsInOrder().Select(Describe).Where(line => line.Length > 0));

        if (MetAtFirstContact)
        {
            lines.Add($"Met: resolved at first contact {Local(CompletedAt!.Value)}.");
        }
        else if (CompletedAt is { } done)
        {
            lines.Add(Met == true
                ? $"Met: done {Local(done)}, at or before the deadline."
                : $"Breached: done {Local(done)}, {Words(done - Due)} after the deadline.");
        }

        return lines;

        string Describe(object step) => step switch
        {
            PauseEnded { Pause: var p } when p.BeganAfterBreach =>
                $"Waiting on the customer {Local(p.PausedAt)} to {Local(p.ResumedAt!.Value)}: the deadline had already passed, so the case stays breached.",
            PauseEnded { Pause: var p } when p.DueAfter == p.DueBefore =>
                $"Waiting on the customer {Local(p.PausedAt)} to {Local(p.ResumedAt!.Value)}: {p.MeasuredAs}; the deadline did not move ({Local(p.DueBefore)}).",
            PauseEnded { Pause: var p } =>
                $"Waiting on the customer {Local(p.PausedAt)} to {Local(p.ResumedAt!.Value)}: {p.MeasuredAs}; deadline moved from {Local(p.DueBefore)} to {Local(p.DueAfter!.Value)}.",
            PauseBegan { Pause: var p } when p.ResumedAt is null => p.BeganAfterBreach
                ? $"Waiting on the customer since {Local(p.PausedAt)}, after the deadline had passed: the case stays breached."
                : $"Waiting on the customer since {Local(p.PausedAt)}: the clock is stopped and the deadline will move when it resumes.",
            DeadlineExtension { Applied: true } e =>
                $"Extended {Local(e.GrantedAt)} ({e.Reason}): deadline moved from {Local(e.DueBefore)} to {Local(e.NewDue)}.",
            DeadlineExtension e =>
                $"Extension granted {Local(e.GrantedAt)} after the deadline had passed ({e.Reason}); the customer was given {Local(e.NewDue)}, but the case stays breached.",
            _ => "",
        };
    }

    /// <summary>
    /// Where the deadline stands now, in the target's own terms: "2 working days left",
    /// "5 hours 10 minutes of business time left", "overdue by 3 hours of business time", "met", ...
    /// </summary>
    public string DescribeStanding(DateTimeOffset now, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!IsOpen)
        {
            return MetAtFirstContact ? "met at first contact" : Met == true ? "met" : "breached";
        }

        if (IsPaused)
        {
            return IsBreachedAt(now) ? "breached; waiting on the customer" : "paused while waiting on the customer";
        }

        var (from, to, overdue) = now <= Due ? (now, Due, false) : (Due, now, true);

        // Whole working days still ahead, not counting the one the deadline closes: due at close of
        // business tomorrow leaves "1 working day"; due at close today is told in business time.
        var days = Target.IsWorkingDays ? calendar.ClosesOfBusinessBetween(from, to) : 0;
        if (days > 0 && !overdue && calendar.CloseOfBusiness(calendar.LocalDateOf(to)) == to)
        {
            days--;
        }

        string amount;
        if (days > 0)
        {
            amount = days == 1 ? "1 working day" : string.Create(CultureInfo.InvariantCulture, $"{days} working days");
        }
        else if (Target.IsElapsed)
        {
            amount = Words(to - from);
        }
        else
        {
            amount = $"{Words(calendar.BusinessTimeBetween(from, to))} of business time";
        }

        return overdue ? $"overdue by {amount}" : $"{amount} left";
    }

    /// <summary>In the calendar's own zone, which may not be the desk's: the deadline was counted there.</summary>
    private string Local(DateTimeOffset instant) =>
        TimeFormat.MomentInText.Write(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    private static string Words(TimeSpan span)
    {
        var parts = new List<string>();
        var hours = (long)Math.Floor(span.TotalHours);
        if (hours > 0)
        {
            parts.Add(hours == 1 ? "1 hour" : string.Create(CultureInfo.InvariantCulture, $"{hours} hours"));
        }

        if (span.Minutes > 0 || parts.Count == 0)
        {
            parts.Add(span.Minutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} minutes"));
        }

        return string.Join(" ", parts);
    }
}
