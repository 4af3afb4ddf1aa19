using HelpDesk.Domain;

namespace HelpDesk.Web.Pages;

/// <summary>
/// The one way pages write a time for people: an instant read on the desk's wall clock
/// (<see cref="DeskClock"/>, <c>HelpDesk:TimeZone</c>) in one of the named <see cref="TimeFormat"/>s.
/// Every view has it as <c>@Time</c> (<c>_ViewImports.cshtml</c>); page models take it by injection.
/// docs/architecture.md, "Time".
/// </summary>
public sealed class DeskTime(DeskClock clock)
{
    /// <summary>"Mon 2 Mar 2026, 14:05": the moment of a step, a deadline, a change.</summary>
    public string Moment(DateTimeOffset instant) => clock.Write(instant, TimeFormat.Moment);

    /// <summary>"Mon 2 Mar 2026, 14:05:09": the outbox, where tries are seconds apart.</summary>
    public string MomentToTheSecond(DateTimeOffset instant) => clock.Write(instant, TimeFormat.MomentToTheSecond);

    /// <summary>"Mon 2 Mar, 14:05": a deadline in a queue.</summary>
    public string ShortMoment(DateTimeOffset instant) => clock.Write(instant, TimeFormat.ShortMoment);

    /// <summary>"Monday 2 March 2026, 14:05": a moment as a heading.</summary>
    public string LongMoment(DateTimeOffset instant) => clock.Write(instant, TimeFormat.LongMoment);

    /// <summary>"2 March 2026, 14:05": a moment on the customers' status page.</summary>
    public string CustomerMoment(DateTimeOffset instant) => clock.Write(instant, TimeFormat.CustomerMoment);

    /// <summary>"2 March 2026": the desk's local day of an instant.</summary>
    public string Day(DateTimeOffset instant) => clock.Write(instant, TimeFormat.Day);

    /// <summary>"2 March 2026": a date that is already a day (a policy's effective date).</summary>
    public string Day(DateOnly day) => TimeFormat.Day.Write(day);

    /// <summary>"Monday 2 March 2026": a day as customers are promised it.</summary>
    public string LongDay(DateTimeOffset instant) => clock.Write(instant, TimeFormat.LongDay);

    /// <summary>"2 Mar 2026": the desk's local day of an instant, in a line of figures.</summary>
    public string ShortDay(DateTimeOffset instant) => clock.Write(instant, TimeFormat.ShortDay);

    /// <summary>"2 Mar 2026": a date that is already a day, in a table.</summary>
    public string ShortDay(DateOnly day) => TimeFormat.ShortDay.Write(day);

    /// <summary>"March 2026".</summary>
    public string Month(DateTimeOffset instant) => clock.Write(instant, TimeFormat.Month);
}
