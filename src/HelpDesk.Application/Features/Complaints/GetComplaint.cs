using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>Everything staff see on a case's page, found by its reference number.</summary>
public static class GetComplaint
{
    public sealed record Query(string Reference) : IQuery<Details?>;

    public sealed record Details(
        long Id,
        string Reference,
        CaseKind Kind,
        Channel Channel,
        string ComplaintType,
        Priority Priority,
        CaseStatus Status,
        DateTimeOffset ReceivedAt,
        DateTimeOffset LoggedAt,
        string CustomerName,
        string? CustomerEmail,
        string? CustomerPhone,
        string? CustomerPostalAddress,
        string Subject,
        string Description,
        int ComplaintTypeId,
        IReadOnlyList<TimelineEntry> Timeline)
    {
        public IReadOnlyList<DeadlineView> Deadlines { get; init; } = [];

        /// <summary>The row version the page's forms carry back (PostgreSQL's xmin).</summary>
        public uint Version { get; init; }

        /// <summary>The steps the lifecycle allows now, for the member of staff asking.</summary>
        public IReadOnlySet<CaseAction> AllowedActions { get; init; } = new HashSet<CaseAction>();

        /// <summary>Whether the reader may act on the case at all (docs/architecture.md, "Who may act on a case"); everyone may read it.</summary>
        public bool InYourCare { get; init; } = true;

        public Ownership Owner { get; init; } = new(null, null, null, null, 1);

        public AcknowledgementView? Acknowledgement { get; init; }

        public ResolutionView? Resolution { get; init; }

        public FollowUpView? FollowUp { get; init; }

        public int ReopenCount { get; init; }

        /// <summary>The customer's own answer to the satisfaction survey, if they gave one.</summary>
        public SurveyView? Survey { get; init; }

        /// <summary>The id of the latest timeline entry: what the person filling a form has seen.</summary>
        public long LastEventId => Timeline.Count == 0 ? 0 : Timeline.Max(e => e.Id);
    }

    /// <summary>Who is responsible now: the department, the person, and the escalation tier.</summary>
    public sealed record Ownership(int? DepartmentId, string? DepartmentName, string? AssigneeId, string? AssigneeName, int EscalationTier);

    public sealed record AcknowledgementView(DateTimeOffset At, AcknowledgementMethod Method, bool MethodFitsChannel, DateTimeOffset? ExpectedResponseBy);

    public sealed record ResolutionView(ResolutionOutcome Outcome, string? Analysis, string Response, CommunicationMethod CommunicatedBy, bool AtFirstContact);

    public sealed record FollowUpView(bool ContactMade, int? Satisfaction, string? Comments);

    public sealed record SurveyView(int Csat, int? Nps, string? Comment, DateTimeOffset AnsweredAt);

    /// <summary>One deadline as staff see it: when, where it stands now, and why it is what it is.</summary>
    public sealed record DeadlineView(
        DeadlineKind Kind,
        string Name,
        DateTimeOffset Due,
        DateTimeOffset? CompletedAt,
        bool IsBreached,
        string Standing,
        string Target,
        IReadOnlyList<string> Explanation);

    /// <param name="OldInstant">The instant a change moved from, typed; see <see cref="Text"/>.</param>
    /// <param name="NewInstant">The instant the entry is about, typed; see <see cref="Text"/>.</param>
    public sealed record TimelineEntry(DateTimeOffset OccurredAt, string ActorName, TimelineEventType Type, string Summary, bool VisibleToCustomer, DateTimeOffset? OldInstant = null, DateTimeOffset? NewInstant = null)
    {
        public long Id { get; init; }

        /// <summary>The entry's words with its instants in <paramref name="local"/>, the page's formatter of local times.</summary>
        public string Text(Func<DateTimeOffset, string> local) => TimelineEvent.Text(Summary, OldInstant, NewInstant, local);
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, TimeProvider time, ICurrentUser user) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken)
        {
            // A malformed reference or a wrong check letter never reaches the database.
            var reading = ReferenceNumber.Read(query.Reference);
            if (!reading.IsValid)
            {
                return null;
            }

            var reference = reading.Reference!.Value.ToString();
            var details = await db.Complaints
                .AsNoTracking()
                .Where(c => c.Reference == reference)
                .Select(c => new Details(
                    c.Id,
                    c.Reference,
                    c.Kind,
                    c.Channel,
                    db.ComplaintTypes.Where(t => t.Id == c.ComplaintTypeId).Select(t => t.Name).First(),
                    c.Priority,
                    c.Status,
                    c.ReceivedAt,
                    c.LoggedAt,
                    c.Customer.Name,
                    c.Customer.Email,
                    c.Customer.Phone,
                    c.Customer.PostalAddress,
                    c.Subject,
                    c.Description,
                    c.ComplaintTypeId,
                    c.Timeline
                        .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                        .Select(e => new TimelineEntry(e.OccurredAt, e.ActorName, e.Type, e.Summary, e.VisibleToCustomer, e.OldInstant, e.NewInstant) { Id = e.Id })
                        .ToList()))
                .SingleOrDefaultAsync(cancellationToken);
            if (details is null)
            {
                return null;
            }

            var version = await db.Complaints.Where(c => c.Id == details.Id).Select(c => EF.Property<uint>(c, CaseWork.VersionProperty)).SingleAsync(cancellationToken);
            var complaint = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == details.Id, cancellationToken);
            var deadlines = complaint.Deadlines;
            var department = complaint.DepartmentId is { } departmentId
                ? await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            var assignee = complaint.AssigneeId is { } assigneeId
                ? await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
                : null;
            var calendar = await sla.CalendarNamedAsync(deadlines.CalendarName, cancellationToken);
            var survey = await db.SurveyResponses.AsNoTracking()
                .Where(r => r.ComplaintId == details.Id)
                .Select(r => new SurveyView(r.Csat, r.Nps, r.Comment, r.AnsweredAt))
                .SingleOrDefaultAsync(cancellationToken);
            var now = time.GetUtcNow();
            return details with
            {
                Version = version,
                AllowedActions = complaint.AllowedActions(user.Worker),
                InYourCare = complaint.IsInTheCareOf(user.Worker),
                Owner = new Ownership(complaint.DepartmentId, department, complaint.AssigneeId, assignee, complaint.EscalationTier),
                Acknowledgement = complaint is { AcknowledgedAt: { } at, AcknowledgementMethod: { } method }
                    ? new AcknowledgementView(at, method, AcknowledgementRules.Fits(complaint.Channel, method), complaint.ExpectedResponseBy)
                    : null,
                Resolution = complaint is { ResolutionOutcome: { } outcome, ResolutionResponse: { } response, ResolutionCommunicatedBy: { } by }
                    ? new ResolutionView(outcome, complaint.ResolutionAnalysis, response, by, complaint.ResolvedAtFirstContact)
                    : null,
                FollowUp = complaint.FollowUpContactMade is { } contactMade ? new FollowUpView(contactMade, complaint.Satisfaction, complaint.FollowUpComments) : null,
                ReopenCount = complaint.ReopenCount,
                Survey = survey,
                Deadlines = deadlines.Clocks.Select(clock => new DeadlineView(
                    clock.Kind,
                    clock.Kind switch { DeadlineKind.Acknowledgement => "Acknowledge", DeadlineKind.Resolution => "Resolve", _ => "Follow up" },
                    clock.Due,
                    clock.CompletedAt,
                    clock.IsBreachedAt(now),
                    clock.DescribeStanding(now, calendar),
                    clock.Target.Describe(),
                    clock.Explain())).ToList(),
            };
        }
    }
}
