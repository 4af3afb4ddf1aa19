using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Sla;

/// <summary>
/// The calendar arithmetic checked over thousands of generated calendars and instants (seeded, so every
/// run checks the same cases), in zones with daylight saving at 01:00, 02:00, 03:00, at midnight
/// (Santiago), by half an hour (Lord Howe) and at a 45-minute offset (Chatham).
/// </summary>
public class CalendarPropertyTests
{
    private const int Calendars = 150;
    private const int InstantsPerCalendar = 20;

    private static readonly string[] Zones =
    [
        "Europe/London", "Australia/Sydney", "America/New_York", "UTC", "Asia/Kolkata",
        "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham",
    ];

    // Whole-hour boundaries in zones that shift by one whole hour: here the wall clock alone decides
    // whether an instant is open, so a minute-by-minute reading of the clock is an independent check.
    private static readonly string[] WholeHourZones = ["Europe/London", "Australia/Sydney", "America/New_York", "UTC", "Asia/Kolkata"];

    private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 6, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_business_time_deadline_lies_in_open_hours_or_exactly_at_a_close_and_contains_exactly_the_target()
    {
        var random = new Random(20260302);
        foreach (var (calendar, start) in Samples(random, Zones))
        {
            var target = TimeSpan.FromMinutes(random.Next(4) == 0 ? random.Next(0, 30_000) : random.Next(0, 2_000));
            var due = calendar.AddBusinessTime(start, target);
            var context = $"{calendar.Describe()} from {start:O} + {target}";

            if (target == TimeSpan.Zero)
            {
                Assert.Equal(start, due);
                continue;
            }

            Assert.True(due > start, context);
            // Open just before the deadline: it is inside open hours, or exactly at a close.
            Assert.True(calendar.IsOpenAt(due.AddTicks(-1)), $"{context} gave {due:O}, outside open hours");
            Assert.Equal(target, calendar.BusinessTimeBetween(start, due));
            Assert.Equal(TimeSpan.Zero, calendar.BusinessTimeBetween(start, calendar.NextOpening(start)));
        }
    }

    [Fact]
    public void Adding_more_time_never_gives_an_earlier_deadline()
    {
        var random = new Random(20261025);
        foreach (var (calendar, start) in Samples(random, Zones))
        {
            var minutes = random.Next(0, 5_000);
            var more = minutes + random.Next(1, 600);
            Assert.True(
                calendar.AddBusinessTime(start, TimeSpan.FromMinutes(more)) > calendar.AddBusinessTime(start, TimeSpan.FromMinutes(minutes)),
                $"{calendar.Describe()} from {start:O}: {more} minutes not later than {minutes}");

            var days = random.Next(0, 30);
            Assert.True(
                calendar.AddWorkingDays(start, days + 1) > calendar.AddWorkingDays(start, days),
                $"{calendar.Describe()} from {start:O}: {days + 1} working days not later than {days}");

            var later = start.AddMinutes(random.Next(0, 10_000));
            Assert.True(calendar.AddWorkingDays(later, days) >= calendar.AddWorkingDays(start, days) || days == 0);
            Assert.True(calendar.AddBusinessTime(later, TimeSpan.FromMinutes(minutes)) >= calendar.AddBusinessTime(start, TimeSpan.FromMinutes(minutes)));
        }
    }

    [Fact]
    public void A_working_day_deadline_is_always_a_close_of_business_the_right_number_of_working_days_after_the_start_date()
    {
        var random = new Random(20260101);
        foreach (var (calendar, start) in Samples(random, Zones))
        {
            var days = random.Next(0, 31);
            var due = calendar.AddWorkingDays(start, days);
            if (days == 0)
            {
                Assert.Equal(start, due);
                continue;
            }

            // A close at 24:00 is the next date's midnight, so the working day is that date or the one before.
            var date = calendar.LocalDateOf(due);
            var workingDay = calendar.CloseOfBusiness(date) == due ? date : date.AddDays(-1);
            var context = $"{calendar.Describe()} from {start:O} + {days} working days gave {due:O}";
            Assert.True(calendar.IsWorkingDay(workingDay), context);
            Assert.Equal(due, calendar.CloseOfBusiness(workingDay));

            var startDate = calendar.LocalDateOf(start);
            var counted = 0;
            for (var d = startDate.AddDays(1); d <= workingDay; d = d.AddDays(1))
            {
                counted += calendar.IsWorkingDay(d) ? 1 : 0;
            }

            Assert.Equal(days, counted);
            Assert.InRange(calendar.ClosesOfBusinessBetween(start, due), days, days + 1);
        }
    }

    [Fact]
    public void Open_hours_and_business_time_agree_with_reading_the_wall_clock_minute_by_minute()
    {
        var random = new Random(4217);
        foreach (var (calendar, someInstant) in Samples(random, WholeHourZones, calendars: 60, instants: 5, hourBoundaries: true))
        {
            // Whole minutes, so that each minute read off the clock is wholly open or wholly closed.
            var start = someInstant.AddSeconds(-someInstant.Second);
            var holidays = calendar.Holidays.Select(h => h.Date).ToHashSet();
            var minutes = random.Next(1, 3 * 24 * 60);
            var open = 0;
            for (var minute = 0; minute < minutes; minute++)
            {
                var instant = start.AddMinutes(minute);
                var reading = ReadWallClock(calendar, holidays, instant);
                if (reading != calendar.IsOpenAt(instant))
                {
                    Assert.Fail($"{calendar.Describe()} at {instant:O}: the wall clock says {(reading ? "open" : "closed")}");
                }

                open += reading ? 1 : 0;
            }

            Assert.Equal(TimeSpan.FromMinutes(open), calendar.BusinessTimeBetween(start, start.AddMinutes(minutes)));
        }
    }

    [Fact]
    public void The_cached_years_give_the_same_answers_to_threads_racing_to_build_them()
    {
        var random = new Random(7);
        var calendar = Generate(random, "Europe/London", hourBoundaries: false);
        var starts = Enumerable.Range(0, 2_000).Select(_ => RandomInstant(random)).ToArray();
        var expected = starts.Select(s => calendar.AddWorkingDays(s, 5)).ToArray();
        var fresh = BusinessCalendar.Create(calendar.Name, calendar.TimeZoneId, calendar.WeeklyHours, calendar.Holidays);

        var results = new DateTimeOffset[starts.Length];
        Parallel.For(0, starts.Length, i => results[i] = fresh.AddWorkingDays(starts[i], 5));

        Assert.Equal(expected, results);
    }

    private static bool ReadWallClock(BusinessCalendar calendar, HashSet<DateOnly> holidays, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, calendar.TimeZone).DateTime;
        return !holidays.Contains(DateOnly.FromDateTime(local))
            && calendar.WeeklyHours[local.DayOfWeek].Any(i => i.Opens <= local.TimeOfDay && local.TimeOfDay < i.Closes);
    }

    private static IEnumerable<(BusinessCalendar Calendar, DateTimeOffset Start)> Samples(
        Random random, string[] zones, int calendars = Calendars, int instants = InstantsPerCalendar, bool hourBoundaries = false)
    {
        for (var c = 0; c < calendars; c++)
        {
            var calendar = Generate(random, zones[random.Next(zones.Length)], hourBoundaries);
            for (var i = 0; i < instants; i++)
            {
                yield return (calendar, RandomInstant(random));
            }
        }
    }

    private static DateTimeOffset RandomInstant(Random random)
    {
        var instant = From.AddMinutes(random.NextInt64(0, (long)(To - From).TotalMinutes));
        return random.Next(5) == 0 ? instant.AddSeconds(random.Next(60)) : instant;
    }

    private static BusinessCalendar Generate(Random random, string zone, bool hourBoundaries)
    {
        var step = hourBoundaries ? 60 : 15;
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (random.Next(4) == 0)
            {
                continue;
            }

            // An even number of distinct boundaries, sorted, paired into ordered, non-overlapping intervals.
            var count = 2 * random.Next(1, 4);
            var boundaries = new SortedSet<int>();
            if (random.Next(4) == 0)
            {
                boundaries.Add(0);
            }

            if (random.Next(4) == 0)
            {
                boundaries.Add(24 * 60);
            }

            while (boundaries.Count < count)
            {
                boundaries.Add(random.Next(0, (24 * 60 / step) + 1) * step);
            }

            var sorted = boundaries.Take(count).ToArray();
            week[day] = [.. Enumerable.Range(0, count / 2).Select(i => new OpenInterval(TimeSpan.FromMinutes(sorted[2 * i]), TimeSpan.FromMinutes(sorted[(2 * i) + 1])))];
        }

        if (week.Count == 0)
        {
            week[DayOfWeek.Wednesday] = [OpenInterval.Hours(9, 17)];
        }

        var holidays = Enumerable.Range(0, random.Next(0, 60))
            .Select(_ => DateOnly.FromDateTime(From.AddDays(random.Next(0, 900)).DateTime))
            .Distinct()
            .Select(d => new Holiday(d, "Holiday"));
        return BusinessCalendar.Create("generated", zone, week, holidays);
    }
}

internal static class CalendarDescription
{
    public static string Describe(this BusinessCalendar calendar) =>
        $"{calendar.TimeZoneId} [{string.Join("; ", calendar.WeeklyHours.Where(d => d.Value.Count > 0).Select(d => $"{d.Key.ToString()[..3]} {string.Join(", ", d.Value)}"))}] with {calendar.Holidays.Count} holidays";
}
