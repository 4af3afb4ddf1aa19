using BenchmarkDotNet.Attributes;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Benchmarks;

/// <summary>
/// One deadline per operation, from a rotating set of start instants spread over two years so that the
/// work is not one cached answer. The calendars' year caches are warm, as they are in a running app.
/// </summary>
[MemoryDiagnoser]
public class DeadlineComputation
{
    private const int Starts = 4096;

    private readonly DateTimeOffset[] _starts = new DateTimeOffset[Starts];
    private BusinessCalendar _office = null!;
    private BusinessCalendar _holidayHeavy = null!;
    private BusinessCalendar _withLunch = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Starts; i++)
        {
            _starts[i] = from.AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
        }

        _office = BusinessCalendar.Office("Europe/London");

        // Forty holidays a year for three years, on weekdays and Saturdays alike.
        var holidays = Enumerable.Range(2026, 3)
            .SelectMany(year => Enumerable.Range(0, 40).Select(i => new DateOnly(year, 1, 1).AddDays((i * 9) + 1)))
            .Select(date => new Holiday(date, "Holiday"));
        _holidayHeavy = BusinessCalendar.Office("Europe/London", holidays);

        IReadOnlyList<OpenInterval> split = [OpenInterval.Hours(9, 12), OpenInterval.Hours(13, 17)];
        _withLunch = BusinessCalendar.Create(
            "with lunch",
            "Europe/London",
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.ToDictionary(d => d, _ => split));

        // Warm the year caches the way a running app would have.
        foreach (var start in _starts)
        {
            _ = _holidayHeavy.AddWorkingDays(start, 60);
            _ = _office.AddWorkingDays(start, 60);
            _ = _withLunch.AddBusinessTime(start, TimeSpan.FromHours(200));
        }
    }

    private DateTimeOffset NextStart() => _starts[_next++ & (Starts - 1)];

    [Benchmark]
    public DateTimeOffset Elapsed_24_hours() => SlaTarget.ElapsedHours(24).DeadlineFrom(NextStart(), _office);

    [Benchmark]
    public DateTimeOffset Elapsed_90_minutes() => SlaTarget.ElapsedMinutes(90).DeadlineFrom(NextStart(), _office);

    [Benchmark]
    public DateTimeOffset Business_8_hours_office() => SlaTarget.BusinessHours(8).DeadlineFrom(NextStart(), _office);

    [Benchmark]
    public DateTimeOffset Business_40_hours_with_lunch_break() => SlaTarget.BusinessHours(40).DeadlineFrom(NextStart(), _withLunch);

    [Benchmark]
    public DateTimeOffset Business_90_minutes_with_lunch_break() => SlaTarget.BusinessMinutes(90).DeadlineFrom(NextStart(), _withLunch);

    [Benchmark]
    public DateTimeOffset Working_days_1_office() => SlaTarget.WorkingDays(1).DeadlineFrom(NextStart(), _office);

    [Benchmark]
    public DateTimeOffset Working_days_7_office() => SlaTarget.WorkingDays(7).DeadlineFrom(NextStart(), _office);

    [Benchmark]
    public DateTimeOffset Working_days_30_forty_holidays_a_year() => SlaTarget.WorkingDays(30).DeadlineFrom(NextStart(), _holidayHeavy);

    [Benchmark]
    public TimeSpan Business_time_between_over_a_week()
    {
        var start = NextStart();
        return _office.BusinessTimeBetween(start, start.AddDays(7));
    }
}
