using System.Globalization;
using HelpDesk.Domain.Reporting;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// The manager's KPIs (001 §VII, Table 2; 002) for the cases received in a period, optionally in one
/// department, each against the target an administrator set, with a trend by week or month.
/// </summary>
/// <remarks>
/// A period's figures describe the cases received in it (a cohort), so each case counts once and a
/// period's figures settle as its cases are worked. A deadline counts toward compliance once it is
/// decided: done (met or missed), or still open past its due time with the clock running.
/// <para>The figures are sums, read in one statement from the KPI totals (<see cref="KpiTotals"/>): the
/// kept totals and not yet folded differences for the period's whole local days, each case of the part
/// days at either end (a period ending now), and, for the deadlines still open, whether their due
/// time has passed (the one part the clock decides, from the small <c>ix_complaints_kpi_undecided</c>
/// index). Until the totals are built the same figures are read from the cases themselves
/// (<see cref="KpiStatements.CohortSql"/>).</para>
/// </remarks>
public static class GetKpis
{
    /// <summary>The longest period asked for at once: three years of weeks or months is already a long chart.</summary>
    public const int MaxDays = 3 * 366;

    /// <summary>Periods longer than this are charted by month, shorter ones by week.</summary>
    public const int WeeklyUpToDays = 100;

    /// <summary>
    /// Which grouping set a row of <see cref="KpiStatements.TotalsSql"/> is: <c>GROUPING(bucket, channel, complaint_type_id)</c>
    /// is a bit mask with a 1 for each column the row is not grouped by (bucket 0b100, channel 0b010, type 0b001).
    /// </summary>
    internal static class GroupedBy
    {
        public const int Bucket = 0b011;
        public const int Channel = 0b101;
        public const int Type = 0b110;
    }

    /// <param name="From">Start of the period (inclusive).</param>
    /// <param name="To">End of the period (exclusive).</param>
    public sealed record Query(DateTimeOffset From, DateTimeOffset To, int? DepartmentId = null) : IQuery<Report>;

    /// <summary>The figures of a set of cases; null where there is nothing to measure (no case decided, no answer given).</summary>
    /// <param name="AcknowledgeHours">Average business hours from received to acknowledged.</param>
    /// <param name="ResolveHours">Average business hours from received to resolved.</param>
    /// <param name="OnlineResponseHours">The same as <paramref name="AcknowledgeHours"/>, for cases made on an online channel.</param>
    public sealed record Figures(
        int Cases,
        int Complaints,
        Ratio AcknowledgementCompliance,
        Ratio ResolutionCompliance,
        Ratio FirstContactResolution,
        Average AcknowledgeHours,
        Average ResolveHours,
        Average OnlineResponseHours,
        Ratio ReopenRate,
        Ratio CustomerSatisfaction,
        NetPromoter NetPromoterScore);

    /// <summary>A percentage of <see cref="Of"/>; null when <see cref="Of"/> is 0. <see cref="Better"/> says which way is good.</summary>
    public sealed record Ratio(int Count, int Of, KpiDirection Better = KpiDirection.AtLeast)
    {
        /// <summary>The percentage as shown: cut to one decimal on the side that does not flatter it (<see cref="Percentage"/>).</summary>
        public decimal? Percent => Percentage.Shown(Exact, Better);

        /// <summary>The percentage unrounded, which targets are judged on.</summary>
        public decimal? Exact => Percentage.Exact(Count, Of);
    }

    /// <summary>An average of <see cref="Of"/> measurements; null when there are none.</summary>
    public sealed record Average(decimal? Hours, int Of);

    /// <summary>% promoters (9-10) minus % detractors (0-6) of <see cref="Of"/> answers; null when none.</summary>
    public sealed record NetPromoter(int Promoters, int Detractors, int Of)
    {
        /// <summary>The score as shown: floored to one decimal, like a percentage.</summary>
        public decimal? Score => Percentage.Shown(Exact);

        public decimal? Exact => Percentage.Exact(Promoters - Detractors, Of);
    }

    /// <summary>
    /// One KPI against its target: <see cref="Value"/> as shown, <see cref="Met"/> decided on the exact
    /// figure (so a figure shown as the target may still miss it); null with no target or no figure.
    /// </summary>
    public sealed record Kpi(KpiMeasure Measure, string Name, decimal? Value, string Unit, decimal? Target, KpiDirection Direction, bool? Met, string Basis);

    /// <summary>The figures of the cases received in one week or month of the period.</summary>
    public sealed record TrendPoint(DateOnly Start, string Label, Figures Figures);

    public sealed record Volume(string Label, int Cases);

    public sealed record Report(
        DateTimeOffset From,
        DateTimeOffset To,
        int? DepartmentId,
        string TrendUnit,
        Figures Totals,
        int ComplaintsYearBefore,
        decimal? ComplaintVolumeChange,
        IReadOnlyList<Kpi> Kpis,
        IReadOnlyList<TrendPoint> Trend,
        IReadOnlyList<Volume> ByChannel,
        IReadOnlyList<Volume> ByType)
    {
        public bool HasData => Totals.Cases > 0;
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("The end of the period must be after its start.");
            RuleFor(q => q.To).Must((q, to) => (to - q.From).TotalDays <= MaxDays)
                .WithMessage($"Choose a period of at most {MaxDays / 366} years.");
        }
    }

    /// <summary>One row per week or month, channel and complaint type of the grouping sets; Level says which.</summary>
    internal sealed class Counts
    {
        public int Level { get; init; }
        public DateTime? Bucket { get; init; }
        public string? Channel { get; init; }
        public int? TypeId { get; init; }
        public int Cases { get; init; }
        public int Complaints { get; init; }
        public int AckDecided { get; init; }
        public int AckMet { get; init; }
        public int ResDecided { get; init; }
        public int ResMet { get; init; }
        public int Resolved { get; init; }
        public int FirstContact { get; init; }
        public long AckMinutes { get; init; }
        public int AckTimed { get; init; }
        public long ResMinutes { get; init; }
        public int ResTimed { get; init; }
        public long OnlineMinutes { get; init; }
        public int OnlineTimed { get; init; }
        public int EverResolved { get; init; }
        public int Reopened { get; init; }
        public int CsatAnswers { get; init; }
        public int CsatSatisfied { get; init; }
        public int NpsAnswers { get; init; }
        public int Promoters { get; init; }
        public int Detractors { get; init; }

        public static Counts Sum(IReadOnlyCollection<Counts> rows) => new()
        {
            Cases = rows.Sum(r => r.Cases),
            Complaints = rows.Sum(r => r.Complaints),
            AckDecided = rows.Sum(r => r.AckDecided),
            AckMet = rows.Sum(r => r.AckMet),
            ResDecided = rows.Sum(r => r.ResDecided),
            ResMet = rows.Sum(r => r.ResMet),
            Resolved = rows.Sum(r => r.Resolved),
            FirstContact = rows.Sum(r => r.FirstContact),
            AckMinutes = rows.Sum(r => r.AckMinutes),
            AckTimed = rows.Sum(r => r.AckTimed),
            ResMinutes = rows.Sum(r => r.ResMinutes),
            ResTimed = rows.Sum(r => r.ResTimed),
            OnlineMinutes = rows.Sum(r => r.OnlineMinutes),
            OnlineTimed = rows.Sum(r => r.OnlineTimed),
            EverResolved = rows.Sum(r => r.EverResolved),
            Reopened = rows.Sum(r => r.Reopened),
            CsatAnswers = rows.Sum(r => r.CsatAnswers),
            CsatSatisfied = rows.Sum(r => r.CsatSatisfied),
            NpsAnswers = rows.Sum(r => r.NpsAnswers),
            Promoters = rows.Sum(r => r.Promoters),
            Detractors = rows.Sum(r => r.Detractors),
        };

        public Figures ToFigures() => new(
            Cases,
            Complaints,
            new Ratio(AckMet, AckDecided),
            new Ratio(ResMet, ResDecided),
            new Ratio(FirstContact, Resolved),
            Hours(AckMinutes, AckTimed),
            Hours(ResMinutes, ResTimed),
            Hours(OnlineMinutes, OnlineTimed),
            new Ratio(Reopened, EverResolved, KpiTarget.DirectionOf(KpiMeasure.ReopenRate)),
            new Ratio(CsatSatisfied, CsatAnswers),
            new NetPromoter(Promoters, Detractors, NpsAnswers));

        private static Average Hours(long minutes, int of) => new(of == 0 ? null : Math.Round(minutes / 60m / of, 1, MidpointRounding.AwayFromZero), of);
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, KpiTotals kpiTotals) : IQueryHandler<Query, Report>
    {
        public async ValueTask<Report> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
            var unit = (to - from).TotalDays > WeeklyUpToDays ? "month" : "week";
            var oneDepartment = query.DepartmentId is not null;
            var (fromYearBefore, toYearBefore) = (from.AddYears(-1), to.AddYears(-1));
            var parameters = new List<object>
            {
                new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.UtcNow },
                new NpgsqlParameter("unit", NpgsqlDbType.Text) { Value = unit },
                new NpgsqlParameter("zone", NpgsqlDbType.Text) { Value = clock.Zone.Id },
            };
            if (query.DepartmentId is { } department)
            {
                parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Integer) { Value = department });
            }

            var totalsAreCurrent = await kpiTotals.AreCurrentAsync(cancellationToken);
            if (totalsAreCurrent)
            {
                parameters.AddRange(kpiTotals.PeriodParameters("", from, to));
                parameters.AddRange(kpiTotals.PeriodParameters("yb_", fromYearBefore, toYearBefore));
            }
            else
            {
                parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from });
                parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to });
                parameters.Add(new NpgsqlParameter("yb_from", NpgsqlDbType.TimestampTz) { Value = fromYearBefore });
                parameters.Add(new NpgsqlParameter("yb_to", NpgsqlDbType.TimestampTz) { Value = toYearBefore });
            }

            string rowsOf(string p) => totalsAreCurrent ? KpiStatements.PeriodRows(p, oneDepartment) : KpiStatements.CohortRows(p, oneDepartment);
            var rows = await db.Database
                .SqlQueryRaw<Counts>(string.Format(CultureInfo.InvariantCulture, KpiStatements.TotalsSql, rowsOf("")), [.. parameters])
                .ToListAsync(cancellationToken);
            var yearBefore = await db.Database
                .SqlQueryRaw<int>(string.Format(CultureInfo.InvariantCulture, KpiStatements.ComplaintsSql, rowsOf("yb_")), [.. parameters.Select(Clone)])
                .SingleAsync(cancellationToken);

            var targets = await db.KpiTargets.AsNoTracking().ToDictionaryAsync(t => t.Measure, cancellationToken);
            var typeNames = await db.ComplaintTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

            var buckets = rows.Where(r => r.Level == GroupedBy.Bucket).ToList();
            var totals = Counts.Sum(buckets).ToFigures();
            var change = Percentage.Exact(totals.Complaints - yearBefore, yearBefore);

            return new Report(
                from,
                to,
                query.DepartmentId,
                unit,
                totals,
                yearBefore,
                Percentage.Shown(change, KpiTarget.DirectionOf(KpiMeasure.ComplaintVolumeChange)),
                KpisOf(totals, change, yearBefore, targets),
                Trend(buckets, from, to, unit),
                [.. Enum.GetValues<Channel>().Select(channel => new Volume(channel.Describe(), rows.Where(r => r.Level == GroupedBy.Channel && r.Channel == channel.ToString()).Sum(r => r.Cases)))],
                [.. rows.Where(r => r.Level == GroupedBy.Type && r.TypeId is not null)
                    .Select(r => new Volume(typeNames.GetValueOrDefault(r.TypeId!.Value, "Unknown type"), r.Cases))
                    .OrderByDescending(v => v.Cases).ThenBy(v => v.Label, StringComparer.Ordinal)]);
        }

        // A parameter belongs to one command; the second statement gets copies.
        private static object Clone(object parameter) => ((NpgsqlParameter)parameter).Clone();

        private IReadOnlyList<TrendPoint> Trend(List<Counts> buckets, DateTimeOffset from, DateTimeOffset to, string unit)
        {
            // Every week or month of the period, including those with no cases, so a chart's gaps are real.
            var byStart = buckets.Where(b => b.Bucket is not null).ToDictionary(b => DateOnly.FromDateTime(b.Bucket!.Value));
            var points = new List<TrendPoint>();
            var start = StartOf(DateOnly.FromDateTime(clock.ToLocal(from)), unit);
            var last = DateOnly.FromDateTime(clock.ToLocal(to.AddTicks(-1)));
            for (; start <= last; start = unit == "month" ? start.AddMonths(1) : start.AddDays(7))
            {
                var counts = byStart.GetValueOrDefault(start) ?? new Counts();
                points.Add(new TrendPoint(start, unit == "month" ? start.ToString("MMM yyyy", CultureInfo.InvariantCulture) : "w/c " + start.ToString("d MMM yyyy", CultureInfo.InvariantCulture), counts.ToFigures()));
            }

            return points;
        }

        private static DateOnly StartOf(DateOnly day, string unit) =>
            unit == "month" ? new DateOnly(day.Year, day.Month, 1) : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

        private static List<Kpi> KpisOf(Figures f, decimal? change, int yearBefore, Dictionary<KpiMeasure, KpiTarget> targets)
        {
            return
            [
                Of(KpiMeasure.AcknowledgementCompliance, f.AcknowledgementCompliance.Exact, Basis(f.AcknowledgementCompliance.Of, "acknowledgement deadline", "decided")),
                Of(KpiMeasure.ResolutionCompliance, f.ResolutionCompliance.Exact, Basis(f.ResolutionCompliance.Of, "resolution deadline", "decided")),
                Of(KpiMeasure.FirstContactResolution, f.FirstContactResolution.Exact, Basis(f.FirstContactResolution.Of, "resolved case", null)),
                Of(KpiMeasure.OnlineResponseTime, f.OnlineResponseHours.Hours, Basis(f.OnlineResponseHours.Of, "acknowledged online case", null)),
                Of(KpiMeasure.CustomerSatisfaction, f.CustomerSatisfaction.Exact, Basis(f.CustomerSatisfaction.Of, "satisfaction answer", null)),
                Of(KpiMeasure.NetPromoterScore, f.NetPromoterScore.Exact, Basis(f.NetPromoterScore.Of, "survey answer", null)),
                Of(KpiMeasure.ReopenRate, f.ReopenRate.Exact, Basis(f.ReopenRate.Of, "resolved case", null)),
                Of(KpiMeasure.ComplaintVolumeChange, change, yearBefore == 0
                    ? "no complaints in the same period a year before"
                    : $"{f.Complaints} complaints against {yearBefore} a year before"),
            ];

            // Judged on the exact figure; shown cut to one decimal on the side that does not flatter it.
            Kpi Of(KpiMeasure measure, decimal? exact, string basis)
            {
                var target = targets.GetValueOrDefault(measure);
                var shown = Percentage.Shown(exact, KpiTarget.DirectionOf(measure));
                return new Kpi(measure, KpiTarget.Describe(measure), shown, KpiTarget.UnitOf(measure), Plain(target?.Target), KpiTarget.DirectionOf(measure), target?.IsMetBy(exact), basis);
            }
        }

        // numeric(6,1) reads back as 85.0; downloads and pages show the target as it was typed.
        private static decimal? Plain(decimal? value) =>
            value is { } v ? decimal.Parse(v.ToString("0.#", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

        private static string Basis(int of, string what, string? qualifier) =>
            of == 1 ? $"of 1 {what}{(qualifier is null ? "" : " " + qualifier)}" : $"of {of} {what}s{(qualifier is null ? "" : " " + qualifier)}";
    }
}
