using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Reporting;
using Mediator;
using Microsoft.EntityFrameworkCore;
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
/// decided: done (met or missed), or still open past its due time with the clock running. The whole
/// cohort is read in one statement: one index-only scan of <c>ix_complaints_kpis</c> (received_at,
/// with every column the figures need included), aggregated with FILTER clauses over grouping sets
/// (the weeks or months, the channels, the complaint types); a second, small statement counts the
/// complaints received in the same period a year earlier.
/// </remarks>
public static class GetKpis
{
    /// <summary>The longest period asked for at once: three years of weeks or months is already a long chart.</summary>
    public const int MaxDays = 3 * 366;

    /// <summary>Periods longer than this are charted by month, shorter ones by week.</summary>
    public const int WeeklyUpToDays = 100;

    public static readonly IReadOnlyList<Channel> OnlineChannels = [Channel.Email, Channel.SocialMedia, Channel.LiveChat, Channel.WebForm];

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

    /// <summary>A percentage of <see cref="Of"/>; null when <see cref="Of"/> is 0.</summary>
    public sealed record Ratio(int Count, int Of)
    {
        public decimal? Percent => Of == 0 ? null : Math.Round(100m * Count / Of, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>An average of <see cref="Of"/> measurements; null when there are none.</summary>
    public sealed record Average(decimal? Hours, int Of);

    /// <summary>% promoters (9-10) minus % detractors (0-6) of <see cref="Of"/> answers; null when none.</summary>
    public sealed record NetPromoter(int Promoters, int Detractors, int Of)
    {
        public decimal? Score => Of == 0 ? null : Math.Round(100m * (Promoters - Detractors) / Of, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>One KPI against its target: <see cref="Met"/> is null with no target or no figure.</summary>
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
            new Ratio(Reopened, EverResolved),
            new Ratio(CsatSatisfied, CsatAnswers),
            new NetPromoter(Promoters, Detractors, NpsAnswers));

        private static Average Hours(long minutes, int of) => new(of == 0 ? null : Math.Round(minutes / 60m / of, 1, MidpointRounding.AwayFromZero), of);
    }

    // Satisfaction: the customer's own survey answer when they gave one, else what they told staff at
    // follow-up, so each case counts once. Satisfied means 4 or 5 of 5. NPS comes from the survey only.
    // The bucket is the local week (from Monday) or month the case was received in.
    /// <remarks>Public so the benchmark explains the very statement the handler runs.</remarks>
    public const string CohortSql = """
        SELECT GROUPING(k.bucket, k.channel, k.complaint_type_id) AS level,
               k.bucket AS bucket, k.channel AS channel, k.complaint_type_id AS type_id,
               count(*)::int AS cases,
               count(*) FILTER (WHERE k.kind = 'Complaint')::int AS complaints,
               count(*) FILTER (WHERE k.acknowledged_at IS NOT NULL OR k.acknowledge_due < @now)::int AS ack_decided,
               count(*) FILTER (WHERE k.resolved_at_first_contact OR k.acknowledged_at <= k.acknowledge_due)::int AS ack_met,
               count(*) FILTER (WHERE k.resolved_at IS NOT NULL OR (k.resolve_due < @now AND NOT k.resolution_paused))::int AS res_decided,
               count(*) FILTER (WHERE k.resolved_at_first_contact OR k.resolved_at <= k.resolve_due)::int AS res_met,
               count(k.resolved_at)::int AS resolved,
               count(*) FILTER (WHERE k.resolved_at_first_contact AND k.resolved_at IS NOT NULL)::int AS first_contact,
               coalesce(sum(k.acknowledged_in_business_minutes), 0)::bigint AS ack_minutes,
               count(k.acknowledged_in_business_minutes)::int AS ack_timed,
               coalesce(sum(k.resolved_in_business_minutes), 0)::bigint AS res_minutes,
               count(k.resolved_in_business_minutes)::int AS res_timed,
               coalesce(sum(k.acknowledged_in_business_minutes) FILTER (WHERE k.channel IN ('Email', 'SocialMedia', 'LiveChat', 'WebForm')), 0)::bigint AS online_minutes,
               count(k.acknowledged_in_business_minutes) FILTER (WHERE k.channel IN ('Email', 'SocialMedia', 'LiveChat', 'WebForm'))::int AS online_timed,
               count(*) FILTER (WHERE k.resolved_at IS NOT NULL OR k.reopen_count > 0)::int AS ever_resolved,
               count(*) FILTER (WHERE k.reopen_count > 0)::int AS reopened,
               count(k.csat)::int AS csat_answers,
               count(*) FILTER (WHERE k.csat >= 4)::int AS csat_satisfied,
               count(k.nps)::int AS nps_answers,
               count(*) FILTER (WHERE k.nps >= 9)::int AS promoters,
               count(*) FILTER (WHERE k.nps <= 6)::int AS detractors
        FROM (
            SELECT c.*, date_trunc(@unit, c.received_at AT TIME ZONE @zone) AS bucket,
                   coalesce(s.csat, c.satisfaction) AS csat, s.nps
            FROM (
                SELECT c.id, c.kind, c.channel, c.complaint_type_id, c.received_at, c.acknowledge_due, c.acknowledged_at,
                       c.resolve_due, c.resolved_at, c.resolution_paused, c.resolved_at_first_contact, c.reopen_count,
                       c.satisfaction, c.acknowledged_in_business_minutes, c.resolved_in_business_minutes
                FROM complaints AS c
                WHERE c.received_at >= @from AND c.received_at < @to {0}
            ) AS c
            LEFT JOIN survey_responses AS s ON s.complaint_id = c.id
        ) AS k
        GROUP BY GROUPING SETS ((k.bucket), (k.channel), (k.complaint_type_id))
        """;

    public const string DepartmentFilter = "AND c.department_id = @department";

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : IQueryHandler<Query, Report>
    {
        public async ValueTask<Report> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
            var unit = (to - from).TotalDays > WeeklyUpToDays ? "month" : "week";
            var departmentFilter = query.DepartmentId is null ? "" : DepartmentFilter;

            var rows = await db.Database
                .SqlQueryRaw<Counts>(string.Format(CultureInfo.InvariantCulture, CohortSql, departmentFilter), Parameters(query, from, to, unit, clock))
                .ToListAsync(cancellationToken);

            var (fromYearBefore, toYearBefore) = (from.AddYears(-1), to.AddYears(-1));
            var complaintsYearBefore = db.Complaints.AsNoTracking()
                .Where(c => c.Kind == CaseKind.Complaint && c.ReceivedAt >= fromYearBefore && c.ReceivedAt < toYearBefore);
            if (query.DepartmentId is { } departmentId)
            {
                complaintsYearBefore = complaintsYearBefore.Where(c => c.DepartmentId == departmentId);
            }

            var yearBefore = await complaintsYearBefore.CountAsync(cancellationToken);

            var targets = await db.KpiTargets.AsNoTracking().ToDictionaryAsync(t => t.Measure, cancellationToken);
            var typeNames = await db.ComplaintTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

            // Level is GROUPING()'s bit mask: 3 (0b011) = grouped by bucket alone, 5 = channel, 6 = type.
            var buckets = rows.Where(r => r.Level == 3).ToList();
            var totals = Counts.Sum(buckets).ToFigures();
            decimal? change = yearBefore == 0 ? null : Math.Round(100m * (totals.Complaints - yearBefore) / yearBefore, 1, MidpointRounding.AwayFromZero);

            return new Report(
                from,
                to,
                query.DepartmentId,
                unit,
                totals,
                yearBefore,
                change,
                KpisOf(totals, change, yearBefore, targets),
                Trend(buckets, from, to, unit),
                [.. Enum.GetValues<Channel>().Select(channel => new Volume(channel.Describe(), rows.Where(r => r.Level == 5 && r.Channel == channel.ToString()).Sum(r => r.Cases)))],
                [.. rows.Where(r => r.Level == 6 && r.TypeId is not null)
                    .Select(r => new Volume(typeNames.GetValueOrDefault(r.TypeId!.Value, "Unknown type"), r.Cases))
                    .OrderByDescending(v => v.Cases).ThenBy(v => v.Label, StringComparer.Ordinal)]);
        }

        private static object[] Parameters(Query query, DateTimeOffset from, DateTimeOffset to, string unit, DeskClock clock)
        {
            var parameters = new List<object>
            {
                new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from },
                new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to },
                new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.UtcNow },
                new NpgsqlParameter("unit", NpgsqlDbType.Text) { Value = unit },
                new NpgsqlParameter("zone", NpgsqlDbType.Text) { Value = clock.Zone.Id },
            };
            if (query.DepartmentId is { } department)
            {
                parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Integer) { Value = department });
            }

            return [.. parameters];
        }

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
                Of(KpiMeasure.AcknowledgementCompliance, f.AcknowledgementCompliance.Percent, Basis(f.AcknowledgementCompliance.Of, "acknowledgement deadline", "decided")),
                Of(KpiMeasure.ResolutionCompliance, f.ResolutionCompliance.Percent, Basis(f.ResolutionCompliance.Of, "resolution deadline", "decided")),
                Of(KpiMeasure.FirstContactResolution, f.FirstContactResolution.Percent, Basis(f.FirstContactResolution.Of, "resolved case", null)),
                Of(KpiMeasure.OnlineResponseTime, f.OnlineResponseHours.Hours, Basis(f.OnlineResponseHours.Of, "acknowledged online case", null)),
                Of(KpiMeasure.CustomerSatisfaction, f.CustomerSatisfaction.Percent, Basis(f.CustomerSatisfaction.Of, "satisfaction answer", null)),
                Of(KpiMeasure.NetPromoterScore, f.NetPromoterScore.Score, Basis(f.NetPromoterScore.Of, "survey answer", null)),
                Of(KpiMeasure.ReopenRate, f.ReopenRate.Percent, Basis(f.ReopenRate.Of, "resolved case", null)),
                Of(KpiMeasure.ComplaintVolumeChange, change, yearBefore == 0
                    ? "no complaints in the same period a year before"
                    : $"{f.Complaints} complaints against {yearBefore} a year before"),
            ];

            Kpi Of(KpiMeasure measure, decimal? value, string basis)
            {
                var target = targets.GetValueOrDefault(measure);
                return new Kpi(measure, KpiTarget.Describe(measure), value, KpiTarget.UnitOf(measure), Plain(target?.Target), KpiTarget.DirectionOf(measure), target?.IsMetBy(value), basis);
            }
        }

        // numeric(6,1) reads back as 85.0; downloads and pages show the target as it was typed.
        private static decimal? Plain(decimal? value) =>
            value is { } v ? decimal.Parse(v.ToString("0.#", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

        private static string Basis(int of, string what, string? qualifier) =>
            of == 1 ? $"of 1 {what}{(qualifier is null ? "" : " " + qualifier)}" : $"of {of} {what}s{(qualifier is null ? "" : " " + qualifier)}";
    }
}
