using System.Collections.ObjectModel;

namespace HelpDesk.Domain.Sla;

/// <summary>
/// When the business is open, in one IANA time zone: per weekday zero or more open intervals in local
/// wall-clock time, and holidays (local dates, closed all day). All arithmetic happens in the calendar's
/// zone, so daylight-saving days are 23 or 25 hours long; deadlines come out as UTC instants.
/// </summary>
/// <remarks>
/// Each local year is resolved to UTC once, on first use, and cached (see <see cref="CalendarYear"/>),
/// so computing a deadline walks arrays and allocates nothing. The cache is filled with a lock-free
/// compare-and-swap; two threads may build the same year, and one copy wins.
/// </remarks>
public sealed class BusinessCalendar
{
    public const string OfficeName = "office";
    public const string AroundTheClockName = "24/7";
    public const string DefaultTimeZoneId = "Europe/London";

    // Cases are received in living memory and deadlines fall within months of them; a bounded range keeps
    // the per-year cache a small array that is indexed, not searched.
    public const int FirstSupportedYear = 1900;
    public const int LastSupportedYear = 2399;

    /// <summary>The years <see cref="CanCountFrom"/> accepts, as a message says them.</summary>
    public static readonly string CountableRange = $"between {FirstSupportedYear + 1} and {LastSupportedYear - 1}";

    /// <summary>
    /// Whether deadlines can be counted from this instant in any zone: a year away from either end of the
    /// supported range, so the local date and the deadline itself stay inside it.
    /// </summary>
    public static bool CanCountFrom(DateTimeOffset instant) => instant.UtcDateTime.Year is > FirstSupportedYear and < LastSupportedYear;

    private readonly OpenInterval[][] _week;
    private readonly HashSet<DateOnly> _holidayDates;
    private readonly CalendarYear?[] _years = new CalendarYear?[LastSupportedYear - FirstSupportedYear + 1];

    private BusinessCalendar(string name, TimeZoneInfo zone, OpenInterval[][] week, Holiday[] holidays)
    {
        Name = name;
        TimeZone = zone;
        _week = week;
        _holidayDates = [.. holidays.Select(h => h.Date)];
        Holidays = Array.AsReadOnly(holidays);
        WeeklyHours = new ReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>>(
            Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => (IReadOnlyList<OpenInterval>)Array.AsReadOnly(week[(int)d])));
    }

    public string Name { get; }

    public TimeZoneInfo TimeZone { get; }

    public string TimeZoneId => TimeZone.Id;

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> WeeklyHours { get; }

    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>
    /// Builds a calendar, refusing open hours that are out of order or overlap, and a calendar that is
    /// never open (every deadline on it would be unreachable).
    /// </summary>
    public static BusinessCalendar Create(
        string name,
        string timeZoneId,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> weeklyHours,
        IEnumerable<Holiday>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(weeklyHours);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A business calendar needs a name.");
        }

        var zone = FindZone(timeZoneId);
        var week = new OpenInterval[7][];
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            week[(int)day] = weeklyHours.TryGetValue(day, out var intervals) ? [.. intervals] : [];
            for (var i = 1; i < week[(int)day].Length; i++)
            {
                var (previous, next) = (week[(int)day][i - 1], week[(int)day][i]);
                if (next.Opens < previous.Closes)
                {
                    throw new DomainRuleException(
                        $"The {day} open hours of the '{name.Trim()}' calendar must be in order and must not overlap: {previous} then {next}.");
                }
            }
        }

        if (week.All(intervals => intervals.Length == 0))
        {
            throw new DomainRuleException($"The '{name.Trim()}' calendar has no open hours on any weekday, so no deadline on it could ever fall due.");
        }

        var holidayList = (holidays ?? []).OrderBy(h => h.Date).ToArray();
        for (var i = 1; i < holidayList.Length; i++)
        {
            if (holidayList[i].Date == holidayList[i - 1].Date)
            {
                throw new DomainRuleException($"The '{name.Trim()}' calendar lists {holidayList[i].Date:yyyy-MM-dd} as a holiday twice.");
            }
        }

        return new BusinessCalendar(name.Trim(), zone, week, holidayList);
    }

    /// <summary>The seeded "office" calendar: Monday–Saturday 09:00–21:00 (001 §VI.B), no holidays until an administrator adds them.</summary>
    public static BusinessCalendar Office(string timeZoneId = DefaultTimeZoneId, IEnumerable<Holiday>? holidays = null)
    {
        IReadOnlyList<OpenInterval> nineToNine = [OpenInterval.Hours(9, 21)];
        var week = Enum.GetValues<DayOfWeek>()
            .Where(d => d != DayOfWeek.Sunday)
            .ToDictionary(d => d, _ => nineToNine);
        return Create(OfficeName, timeZoneId, week, holidays);
    }

    /// <summary>The seeded "24/7" calendar: every day 00:00–24:00, so midnight is no gap.</summary>
    public static BusinessCalendar AroundTheClock(string timeZoneId = DefaultTimeZoneId)
    {
        IReadOnlyList<OpenInterval> allDay = [new OpenInterval(TimeSpan.Zero, OpenInterval.EndOfDay)];
        return Create(AroundTheClockName, timeZoneId, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => allDay));
    }

    /// <summary>The local date, in this calendar's zone, on which an instant falls.</summary>
    public DateOnly LocalDateOf(DateTimeOffset instant)
    {
        var (year, day) = Locate(instant.UtcTicks);
        return year.DateOf(day);
    }

    /// <summary>A non-holiday date with at least one open interval.</summary>
    public bool IsWorkingDay(DateOnly date) => !_holidayDates.Contains(date) && _week[(int)date.DayOfWeek].Length > 0;

    /// <summary>The end of the date's last open interval, or null when the date is not a working day.</summary>
    public DateTimeOffset? CloseOfBusiness(DateOnly date)
    {
        var year = YearOf(date.Year);
        var day = date.DayOfYear - 1;
        return year.IsWorkingDay(day) ? Instant(year.ClosesOfBusiness[day]) : null;
    }

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var at = instant.UtcTicks;
        var (year, day) = Locate(at);
        for (var i = year.FirstInterval[day]; i < year.FirstInterval[day + 1]; i++)
        {
            if (year.Opens[i] <= at && at < year.Closes[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When business time starts counting from <paramref name="instant"/>: the instant itself while open, otherwise the next opening.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var at = instant.UtcTicks;
        var (year, day) = Locate(at);
        while (true)
        {
            for (var i = year.FirstInterval[day]; i < year.FirstInterval[day + 1]; i++)
            {
                if (year.Closes[i] > at)
                {
                    return Instant(Math.Max(year.Opens[i], at));
                }
            }

            NextDay(ref year, ref day);
        }
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of business time has passed since <paramref name="start"/>.
    /// Open intervals are half-open, so an amount that runs out exactly at a close is due at that close;
    /// a clock started outside open hours begins at the next opening; a zero amount is the start itself.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan amount)
    {
        if (amount < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Business time to add cannot be negative.");
        }

        if (amount == TimeSpan.Zero)
        {
            return start.ToUniversalTime();
        }

        var at = start.UtcTicks;
        var remaining = amount.Ticks;
        var (year, day) = Locate(at);
        while (true)
        {
            for (var i = year.FirstInterval[day]; i < year.FirstInterval[day + 1]; i++)
            {
                var close = year.Closes[i];
                if (close <= at)
                {
                    continue;
                }

                var from = Math.Max(year.Opens[i], at);
                var available = close - from;
                if (remaining <= available)
                {
                    return Instant(from + remaining);
                }

                remaining -= available;
            }

            NextDay(ref year, ref day);
        }
    }

    /// <summary>
    /// Close of business on the <paramref name="days"/>-th working day after the local date on which
    /// <paramref name="start"/> falls. The start date never counts, whatever the time of day and whether
    /// or not it is a working day; zero days is the start itself.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return start.ToUniversalTime();
        }

        var (year, day) = Locate(start.UtcTicks);
        var remaining = days;
        while (true)
        {
            NextDay(ref year, ref day);
            if (year.IsWorkingDay(day) && --remaining == 0)
            {
                return Instant(year.ClosesOfBusiness[day]);
            }
        }
    }

    /// <summary>Business time inside open hours between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.UtcTicks;
        var end = to.UtcTicks;
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        var total = 0L;
        var (year, day) = Locate(start);
        while (year.DayStarts[day] < end)
        {
            for (var i = year.FirstInterval[day]; i < year.FirstInterval[day + 1]; i++)
            {
                var open = Math.Max(year.Opens[i], start);
                var close = Math.Min(year.Closes[i], end);
                if (close > open)
                {
                    total += close - open;
                }
            }

            NextDay(ref year, ref day);
        }

        return TimeSpan.FromTicks(total);
    }

    /// <summary>How many closes of business fall strictly after <paramref name="after"/> and at or before <paramref name="atOrBefore"/>.</summary>
    public int ClosesOfBusinessBetween(DateTimeOffset after, DateTimeOffset atOrBefore)
    {
        var start = after.UtcTicks;
        var end = atOrBefore.UtcTicks;
        var count = 0;
        if (end <= start)
        {
            return count;
        }

        var (year, day) = Locate(start);
        while (year.DayStarts[day] <= end)
        {
            if (year.IsWorkingDay(day))
            {
                var close = year.ClosesOfBusiness[day];
                if (close > start && close <= end)
                {
                    count++;
                }
            }

            NextDay(ref year, ref day);
        }

        return count;
    }

    public override string ToString() => $"{Name} ({TimeZoneId})";

    private static DateTimeOffset Instant(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static TimeZoneInfo FindZone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            throw new DomainRuleException("A business calendar needs a time zone, such as Europe/London.");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new DomainRuleException($"'{timeZoneId}' is not a known time zone; use an IANA id such as Europe/London.", e);
        }
        catch (InvalidTimeZoneException e)
        {
            throw new DomainRuleException($"The time zone '{timeZoneId}' could not be read on this machine.", e);
        }
    }

    private (CalendarYear Year, int Day) Locate(long utcTicks)
    {
        var year = YearOf(new DateTime(utcTicks, DateTimeKind.Utc).Year);
        if (utcTicks < year.DayStarts[0])
        {
            year = YearOf(year.Year - 1);
        }
        else if (utcTicks >= year.DayStarts[year.DayCount])
        {
            year = YearOf(year.Year + 1);
        }

        var day = Array.BinarySearch(year.DayStarts, 0, year.DayCount, utcTicks);
        return (year, day >= 0 ? day : ~day - 1);
    }

    private void NextDay(ref CalendarYear year, ref int day)
    {
        if (++day == year.DayCount)
        {
            year = YearOf(year.Year + 1);
            day = 0;
        }
    }

    private CalendarYear YearOf(int year)
    {
        if (year is < FirstSupportedYear or > LastSupportedYear)
        {
            throw new DomainRuleException($"Business calendars count time between the years {FirstSupportedYear} and {LastSupportedYear}; the '{Name}' calendar was asked about {year}.");
        }

        ref var slot = ref _years[year - FirstSupportedYear];
        return Volatile.Read(ref slot)
            ?? Interlocked.CompareExchange(ref slot, CalendarYear.Build(year, TimeZone, _week, _holidayDates), null)
            ?? slot!;
    }
}
