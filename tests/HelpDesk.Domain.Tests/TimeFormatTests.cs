using System.Globalization;
using static HelpDesk.Domain.Tests.Sla.WallClock;

namespace HelpDesk.Domain.Tests;

/// <summary>
/// Pins every named format (docs/architecture.md, "Time"): pages, emails, letters and the deadlines'
/// explanations all write through these, so a change here shows everywhere at once.
/// </summary>
public class TimeFormatTests
{
    private static readonly DateTime Afternoon = new(2026, 3, 2, 14, 5, 9);

    public static TheoryData<string, string> Formats => new()
    {
        { nameof(TimeFormat.Moment), "Mon 2 Mar 2026, 14:05" },
        { nameof(TimeFormat.MomentToTheSecond), "Mon 2 Mar 2026, 14:05:09" },
        { nameof(TimeFormat.ShortMoment), "Mon 2 Mar, 14:05" },
        { nameof(TimeFormat.LongMoment), "Monday 2 March 2026, 14:05" },
        { nameof(TimeFormat.MomentInText), "Mon 2 Mar 2026 14:05" },
        { nameof(TimeFormat.CustomerMoment), "2 March 2026, 14:05" },
        { nameof(TimeFormat.Day), "2 March 2026" },
        { nameof(TimeFormat.LongDay), "Monday 2 March 2026" },
        { nameof(TimeFormat.DayWithWeekday), "Mon 2 Mar 2026" },
        { nameof(TimeFormat.ShortDay), "2 Mar 2026" },
        { nameof(TimeFormat.Month), "March 2026" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_named_format_writes_a_local_time_as_the_desk_has_always_shown_it(string name, string expected)
    {
        Assert.Equal(expected, Named(name).Write(Afternoon));
    }

    [Fact]
    public void A_date_that_is_already_a_day_is_written_by_the_same_day_formats()
    {
        var day = new DateOnly(2026, 3, 2);

        Assert.Equal("2 March 2026", TimeFormat.Day.Write(day));
        Assert.Equal("2 Mar 2026", TimeFormat.ShortDay.Write(day));
        Assert.Equal("Monday 2 March 2026", TimeFormat.LongDay.Write(day));
    }

    [Fact]
    public void The_formats_are_British_whatever_culture_the_server_runs_in()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");

            Assert.Equal("Mon 2 Mar 2026, 14:05", TimeFormat.Moment.Write(Afternoon));
            Assert.Equal("Monday 2 March 2026", TimeFormat.LongDay.Write(Afternoon));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void An_instant_is_written_on_the_wall_clock_of_its_zone_across_both_daylight_saving_changes()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById(London);

        // Spring forward, Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST.
        Assert.Equal("Sun 29 Mar 2026, 00:59", TimeFormat.Moment.Write(At("2026-03-29 00:59 +00:00"), london));
        Assert.Equal("Sun 29 Mar 2026, 02:00", TimeFormat.Moment.Write(At("2026-03-29 01:00 +00:00"), london));

        // Fall back, Sunday 25 October 2026: 01:30 is read twice, an hour apart.
        Assert.Equal("Sun 25 Oct 2026 01:30", TimeFormat.MomentInText.Write(At("2026-10-25 01:30 +01:00"), london));
        Assert.Equal("Sun 25 Oct 2026 01:30", TimeFormat.MomentInText.Write(At("2026-10-25 01:30 +00:00"), london));

        // A summer evening in UTC is already the next day in London.
        Assert.Equal("1 July 2026", TimeFormat.Day.Write(At("2026-06-30 23:30 +00:00"), london));
        Assert.Equal("July 2026", TimeFormat.Month.Write(At("2026-06-30 23:30 +00:00"), london));
    }

    [Fact]
    public void An_instant_is_written_in_the_zone_asked_for_not_the_servers()
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById(Sydney);

        Assert.Equal("Tue 3 Mar 2026 01:05", TimeFormat.MomentInText.Write(At("2026-03-02 14:05 +00:00"), sydney));
    }

    private static TimeFormat Named(string name) =>
        (TimeFormat)typeof(TimeFormat).GetField(name)!.GetValue(null)!;
}
