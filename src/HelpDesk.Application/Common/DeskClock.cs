using HelpDesk.Domain;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Common;

/// <summary>
/// The help desk's wall clock: converts between instants (stored as UTC) and the local time staff
/// type and read in the configured zone. Reads the time only through <see cref="TimeProvider"/>.
/// Emails and letters write their times with <see cref="Write"/>; pages with <c>DeskTime</c> (Web), which
/// calls it (docs/architecture.md, "Time").
/// </summary>
public sealed class DeskClock(TimeProvider time, IOptions<HelpDeskOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateTime LocalNow => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime;

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    /// <summary>An instant as people read it: the desk's wall clock, in one of the named formats.</summary>
    public string Write(DateTimeOffset instant, TimeFormat format) => format.Write(instant, _zone);

    /// <summary>
    /// The instant a local wall-clock time names. A time skipped by a spring-forward change is read as
    /// the instant the clocks jumped to; an ambiguous one as its first (daylight) occurrence.
    /// </summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        var offset = _zone.IsAmbiguousTime(wall) ? _zone.GetAmbiguousTimeOffsets(wall).Max() : _zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }
}
