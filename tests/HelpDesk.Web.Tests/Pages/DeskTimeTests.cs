using HelpDesk.Application.Common;
using HelpDesk.Web.Pages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// The one formatter pages write times with (docs/architecture.md, "Time"): every instant is read on
/// the desk's wall clock (<c>HelpDesk:TimeZone</c>), so the same instant reads an hour apart either
/// side of a daylight-saving change, and a page's text is what it was before the formatter existed.
/// </summary>
public class DeskTimeTests
{
    [Fact]
    public void Each_page_format_reads_an_instant_on_the_desks_wall_clock()
    {
        var time = In("Europe/London");
        var summer = Instant("2026-07-01T13:05:09Z");

        Assert.Equal("Wed 1 Jul 2026, 14:05", time.Moment(summer));
        Assert.Equal("Wed 1 Jul 2026, 14:05:09", time.MomentToTheSecond(summer));
        Assert.Equal("Wed 1 Jul, 14:05", time.ShortMoment(summer));
        Assert.Equal("Wednesday 1 July 2026, 14:05", time.LongMoment(summer));
        Assert.Equal("1 July 2026, 14:05", time.CustomerMoment(summer));
        Assert.Equal("1 July 2026", time.Day(summer));
        Assert.Equal("Wednesday 1 July 2026", time.LongDay(summer));
        Assert.Equal("1 Jul 2026", time.ShortDay(summer));
        Assert.Equal("July 2026", time.Month(summer));
    }

    [Fact]
    public void A_moment_moves_with_the_clocks_across_a_daylight_saving_change()
    {
        var time = In("Europe/London");

        Assert.Equal("Sat 28 Mar 2026, 14:00", time.Moment(Instant("2026-03-28T14:00:00Z")));
        Assert.Equal("Sun 29 Mar 2026, 15:00", time.Moment(Instant("2026-03-29T14:00:00Z")));
        Assert.Equal("Sat 24 Oct 2026, 15:00", time.Moment(Instant("2026-10-24T14:00:00Z")));
        Assert.Equal("Sun 25 Oct 2026, 14:00", time.Moment(Instant("2026-10-25T14:00:00Z")));
    }

    [Fact]
    public void The_day_is_the_desks_local_day_not_the_UTC_one()
    {
        var evening = Instant("2026-06-30T23:30:00Z");

        Assert.Equal("1 July 2026", In("Europe/London").Day(evening));
        Assert.Equal("30 June 2026", In("America/New_York").Day(evening));
    }

    [Fact]
    public void A_date_that_is_already_a_day_is_not_moved_by_the_zone()
    {
        var day = new DateOnly(2026, 9, 30);

        Assert.Equal("30 September 2026", In("Pacific/Auckland").Day(day));
        Assert.Equal(In("Europe/London").ShortDay(day), In("Pacific/Auckland").ShortDay(day));
    }

    private static DeskTime In(string zone) =>
        new(new DeskClock(new FakeTimeProvider(), Options.Create(new HelpDeskOptions { TimeZone = zone })));

    private static DateTimeOffset Instant(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
}
