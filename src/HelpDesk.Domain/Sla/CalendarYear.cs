namespace HelpDesk.Domain.Sla;

/// <summary>
/// One local year of a calendar, resolved to UTC once so that deadline arithmetic walks arrays instead of
/// asking <see cref="TimeZoneInfo"/> again for every day. Immutable once built, so threads share it freely.
/// </summary>
internal sealed class CalendarYear
{
    private const long NotAWorkingDay = long.MinValue;

    private CalendarYear(int year, int dayCount)
    {
        Year = year;
        DayCount = dayCount;
        DayStarts = new long[dayCount + 1];
        FirstInterval = new int[dayCount + 1];
        ClosesOfBusiness = new long[dayCount];
    }

    public int Year { get; }

    public int DayCount { get; }

    /// <summary>UTC ticks at which each local date begins; the extra last entry is the next year's first day.</summary>
    public long[] DayStarts { get; }

    /// <summary>Index into <see cref="Opens"/> / <see cref="Closes"/> of each day's first interval; the extra last entry ends the last day.</summary>
    public int[] FirstInterval { get; }

    /// <summary>UTC ticks of each open interval as it really falls on the clock, in order, never overlapping.</summary>
    public long[] Opens { get; private set; } = [];

    public long[] Closes { get; private set; } = [];

    /// <summary>UTC ticks of each working day's close of business, or <see cref="NotAWorkingDay"/>.</summary>
    public long[] ClosesOfBusiness { get; }

    public bool IsWorkingDay(int day) => ClosesOfBusiness[day] != NotAWorkingDay;

    public DateOnly DateOf(int day) => new DateOnly(Year, 1, 1).AddDays(day);

    public static CalendarYear Build(
        int year,
        TimeZoneInfo zone,
        OpenInterval[][] week,
        HashSet<DateOnly> holidays)
    {
        var first = new DateOnly(year, 1, 1);
        var dayCount = DateTime.IsLeapYear(year) ? 366 : 365;
        var plan = new CalendarYear(year, dayCount);
        var opens = new List<long>(dayCount * 2);
        var closes = new List<long>(dayCount * 2);

        for (var day = 0; day <= dayCount; day++)
        {
            plan.DayStarts[day] = LocalToUtc(zone, first.AddDays(day).ToDateTime(TimeOnly.MinValue));
        }

        for (var day = 0; day < dayCount; day++)
        {
            plan.FirstInterval[day] = opens.Count;
            plan.ClosesOfBusiness[day] = NotAWorkingDay;
            var date = first.AddDays(day);
            var intervals = week[(int)date.DayOfWeek];
            if (intervals.Length == 0 || holidays.Contains(date))
            {
                continue;
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            var dayStart = plan.DayStarts[day];
            var nextDayStart = plan.DayStarts[day + 1];
            var previousClose = dayStart;
            foreach (var interval in intervals)
            {
                // Clamping keeps each day's hours inside the day and in order even where a gap makes
                // two wall-clock readings stand for one instant.
                var open = Math.Max(LocalToUtc(zone, midnight + interval.Opens), previousClose);
                var close = Math.Min(LocalToUtc(zone, midnight + interval.Closes), nextDayStart);
                close = Math.Max(close, open);
                if (close > open)
                {
                    opens.Add(open);
                    closes.Add(close);
                }

                previousClose = close;
            }

            plan.ClosesOfBusiness[day] = previousClose;
        }

        plan.FirstInterval[dayCount] = opens.Count;
        plan.Opens = [.. opens];
        plan.Closes = [.. closes];
        return plan;
    }

    /// <summary>
    /// The instant a local wall-clock reading stands for. A reading inside a spring-forward gap never
    /// happens, so it becomes the instant the gap ends (the missing hour is skipped). A reading that
    /// happens twice at a fall-back means its first occurrence, for openings and closes alike: the office
    /// opens and closes the first time the clock says so, and an interval that spans the repeated hour
    /// (a 24/7 day, a night shift) simply lasts an hour longer.
    /// </summary>
    internal static long LocalToUtc(TimeZoneInfo zone, DateTime local)
    {
        if (zone.IsInvalidTime(local))
        {
            return EndOfGap(zone, local);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return local.Ticks - offsets.Max().Ticks;
        }

        return local.Ticks - zone.GetUtcOffset(local).Ticks;
    }

    private static long EndOfGap(TimeZoneInfo zone, DateTime local)
    {
        var before = zone.GetUtcOffset(local.AddDays(-1)).Ticks;
        var after = zone.GetUtcOffset(local.AddDays(1)).Ticks;
        var low = local.Ticks - after;
        var high = local.Ticks - before;
        if (low >= high)
        {
            return high;
        }

        // The first instant whose wall-clock reading is at or past the missing one is the end of the gap.
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var reading = middle + zone.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)).Ticks;
            if (reading >= local.Ticks)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
