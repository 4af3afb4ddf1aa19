using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using static HelpDesk.Domain.Cases.CaseAction;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>
/// The actions the case page offers come from <see cref="Complaint.AllowedActions"/>; these tests pin
/// them for every state and prove the lifecycle's own methods agree, step by step.
/// </summary>
public class AllowedActionsTests
{
    private const int Billing = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");
    private const int BillingTeam = 1;
    private static readonly CaseWorker Holder = new("agent-2", Supervises: false, BillingTeam);
    private static readonly CaseWorker Colleague = new("agent-3", Supervises: false, BillingTeam);
    private static readonly CaseWorker Outsider = new("agent-9", Supervises: false, DepartmentId: 7);
    private static readonly CaseWorker Lead = new("lead-1", Supervises: true);
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Referral ToHolder = new(BillingTeam, "Billing", Holder.Id, "Bea Biller");
    private static readonly Referral ToLead = new(BillingTeam, "Billing", Lead.Id, "Sam Supervisor");

    public static TheoryData<string> States() => new(CaseIn.Keys);

    private static readonly Dictionary<string, Func<Complaint>> CaseIn = new()
    {
        ["logged"] = Logged,
        ["acknowledged"] = Acknowledged,
        ["in progress"] = () => Then(Waiting(), c => c.Resume(Office, Agent, Start.AddHours(2))),
        ["waiting on customer"] = Waiting,
        ["resolved"] = Resolved,
        ["followed up"] = () => Then(Resolved(), c => c.RecordFollowUp(true, 4, null, Agent, Start.AddHours(4))),
        ["closed"] = () => Then(Resolved(), c => c.Close(Agent, Start.AddHours(4))),
        ["reopened"] = () => Then(Then(Resolved(), c => c.Close(Agent, Start.AddHours(4))), c => c.Reopen("The refund bounced.", Office, Agent, Start.AddHours(5))),
        ["escalated to tier 2"] = () => Then(Acknowledged(), c => c.Escalate("Asked for a manager.", ToLead, "Bea Biller (Billing)", Agent, Start.AddHours(1))),
        ["escalated to tier 3"] = () => Then(Then(Acknowledged(), c => c.Escalate("Asked for a manager.", ToLead, "Bea Biller (Billing)", Agent, Start.AddHours(1))),
            c => c.Escalate("Legal threat.", new Referral(9, "Management", "boss-1", "Morgan Manager"), "Sam Supervisor (Billing)", Agent, Start.AddHours(2))),
    };

    private static Complaint Logged() =>
        Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Start, Channel.Phone, CaseKind.Complaint, Billing, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(Billing, Priority.Normal),
            Agent,
            Start);

    private static Complaint Acknowledged() =>
        Then(Logged(), c => c.Acknowledge(new AcknowledgementDetails(Start.AddMinutes(5), AcknowledgementMethod.Verbal, ToHolder, c.ResolveDue), Office, Agent, Start.AddMinutes(5)));

    private static Complaint Waiting() => Then(Acknowledged(), c => c.WaitOnCustomer("The bank statement.", Agent, Start.AddHours(1)));

    private static Complaint Resolved() =>
        Then(Acknowledged(), c => c.Resolve(new ResolutionDetails(ResolutionOutcome.Resolved, "A duplicate debit.", "Refunded.", CommunicationMethod.Email), Office, Agent, Start.AddHours(3)));

    private static Complaint Then(Complaint complaint, Action<Complaint> step)
    {
        step(complaint);
        return complaint;
    }

    /// <summary>Each step done the way its form would do it, an hour after everything above.</summary>
    private static void Perform(Complaint complaint, CaseAction action)
    {
        var now = Start.AddHours(6);
        switch (action)
        {
            case Acknowledge: complaint.Acknowledge(new AcknowledgementDetails(now, AcknowledgementMethod.Verbal, ToHolder, now.AddDays(10)), Office, Agent, now); break;
            case Refer: complaint.ReferTo(new Referral(7, "Technical", "eng-1", "Eli Engineer"), null, "before", Agent, now); break;
            case Escalate: complaint.Escalate("Reason.", new Referral(9, "Management", "boss-2", "Max Manager"), "before", Agent, now); break;
            case WaitOnCustomer: complaint.WaitOnCustomer("A photo.", Agent, now); break;
            case Resume: complaint.Resume(Office, Agent, now); break;
            case Extend: complaint.ExtendResolution(now.AddDays(20), "The bank is slow.", CommunicationMethod.Email, Agent, now); break;
            case Resolve: complaint.Resolve(new ResolutionDetails(ResolutionOutcome.CannotAccommodate, "Outside policy.", "We cannot refund a fee.", CommunicationMethod.Verbal), Office, Agent, now); break;
            case FollowUp: complaint.RecordFollowUp(false, null, null, Agent, now); break;
            case Close: complaint.Close(Agent, now); break;
            case Reopen: complaint.Reopen("Again.", Office, Agent, now); break;
            case AddInternalNote: complaint.AddInternalNote("Note.", Agent, now); break;
            case AddCustomerUpdate: complaint.AddCustomerUpdate("Update.", Agent, now); break;
            case Reply: complaint.RecordReply("by email", Agent, now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    public static TheoryData<string, CaseAction[]> ExpectedForTheCaseHolder() => new()
    {
        { "logged", [Acknowledge, Refer, Escalate, Resolve, AddInternalNote, AddCustomerUpdate, Reply] },
        { "acknowledged", [Refer, Escalate, WaitOnCustomer, Resolve, AddInternalNote, AddCustomerUpdate, Reply] },
        { "in progress", [Refer, Escalate, WaitOnCustomer, Resolve, AddInternalNote, AddCustomerUpdate, Reply] },
        { "waiting on customer", [Refer, Escalate, Resume, AddInternalNote, AddCustomerUpdate, Reply] },
        { "resolved", [FollowUp, Close, Reopen, AddInternalNote, AddCustomerUpdate, Reply] },
        { "followed up", [Close, Reopen, AddInternalNote, AddCustomerUpdate, Reply] },
        { "closed", [Reopen, AddInternalNote, AddCustomerUpdate] },
        { "reopened", [Refer, Escalate, WaitOnCustomer, Resolve, AddInternalNote, AddCustomerUpdate, Reply] },
        { "escalated to tier 2", [WaitOnCustomer, Resolve, AddInternalNote, AddCustomerUpdate, Reply] },
        // With senior management's department now, out of the Billing agent's care.
        { "escalated to tier 3", [] },
    };

    [Theory]
    [MemberData(nameof(ExpectedForTheCaseHolder))]
    public void An_agent_holding_the_case_is_offered_exactly_the_steps_its_state_allows_them(string state, CaseAction[] expected)
    {
        var complaint = CaseIn[state]();
        // The escalated cases are held by the supervisor, so the agent who held them may no longer pass them on.
        var agent = state.StartsWith("escalated", StringComparison.Ordinal) ? Holder : Holder with { Id = complaint.AssigneeId ?? Holder.Id };

        Assert.Equal(expected.Order(), complaint.AllowedActions(agent).Order());
    }

    [Theory]
    [MemberData(nameof(States))]
    public void A_supervisor_is_offered_every_step_the_state_allows(string state)
    {
        var complaint = CaseIn[state]();

        var expected = Enum.GetValues<CaseAction>().Where(complaint.StateAllows);
        Assert.Equal(expected.Order(), complaint.AllowedActions(Lead).Order());
    }

    [Fact]
    public void Extending_reassigning_someone_elses_case_and_escalating_past_tier_2_are_a_supervisors()
    {
        var acknowledged = Acknowledged();
        var escalated = CaseIn["escalated to tier 2"]();

        Assert.DoesNotContain(Extend, acknowledged.AllowedActions(Holder));
        Assert.Contains(Extend, acknowledged.AllowedActions(Lead));
        Assert.Contains(Refer, acknowledged.AllowedActions(Holder));
        Assert.DoesNotContain(Refer, acknowledged.AllowedActions(Colleague));
        Assert.Contains(Refer, Logged().AllowedActions(Colleague));
        Assert.Contains(Escalate, acknowledged.AllowedActions(Colleague));
        Assert.DoesNotContain(Escalate, escalated.AllowedActions(Holder));
        Assert.Contains(Escalate, escalated.AllowedActions(Lead));
        Assert.False(acknowledged.RoleAllows(Extend, Colleague));
        Assert.True(acknowledged.StateAllows(Extend));
    }

    [Theory]
    [MemberData(nameof(States))]
    public void An_agent_of_another_department_may_read_a_referred_case_but_take_no_step_on_it(string state)
    {
        var complaint = CaseIn[state]();

        if (complaint.DepartmentId is null)
        {
            // Not yet referred anywhere: still with whoever took it, so any agent may acknowledge or refer it.
            Assert.True(complaint.IsInTheCareOf(Outsider));
            Assert.Equal(complaint.AllowedActions(Colleague).Order(), complaint.AllowedActions(Outsider).Order());
        }
        else
        {
            Assert.False(complaint.IsInTheCareOf(Outsider));
            Assert.Empty(complaint.AllowedActions(Outsider));
            Assert.All(Enum.GetValues<CaseAction>(), action => Assert.False(complaint.RoleAllows(action, Outsider)));
        }
    }

    [Fact]
    public void Agents_act_on_their_departments_cases_their_own_cases_and_cases_not_yet_referred()
    {
        Assert.True(Outsider.MayWorkOn(caseDepartmentId: null, caseAssigneeId: null));
        Assert.True(Outsider.MayWorkOn(caseDepartmentId: 7, caseAssigneeId: "agent-1"));
        Assert.True(Outsider.MayWorkOn(caseDepartmentId: BillingTeam, caseAssigneeId: Outsider.Id));
        Assert.True(Outsider.MayWorkOn(caseDepartmentId: null, caseAssigneeId: Outsider.Id));
        Assert.False(Outsider.MayWorkOn(caseDepartmentId: BillingTeam, caseAssigneeId: null));
        Assert.False(Outsider.MayWorkOn(caseDepartmentId: BillingTeam, caseAssigneeId: "agent-2"));
        Assert.False(Outsider.MayWorkOn(caseDepartmentId: null, caseAssigneeId: "agent-2"));
        Assert.False(new CaseWorker("agent-0", Supervises: false).MayWorkOn(BillingTeam, null));
        Assert.False(new CaseWorker(null, Supervises: false).MayWorkOn(BillingTeam, null));
        Assert.True(Lead.MayWorkOn(caseDepartmentId: 9, caseAssigneeId: "boss-1"));
    }

    public static TheoryData<string, CaseAction> EveryStateAndStep()
    {
        var data = new TheoryData<string, CaseAction>();
        foreach (var state in CaseIn.Keys)
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndStep))]
    public void The_step_itself_succeeds_exactly_when_the_state_allows_it_and_refuses_with_the_same_reason(string state, CaseAction action)
    {
        var complaint = CaseIn[state]();
        var allowed = complaint.StateAllows(action);
        var refusal = complaint.RefusalFor(action);
        var events = complaint.Timeline.Count;

        var thrown = Record.Exception(() => Perform(complaint, action));

        if (allowed)
        {
            Assert.Null(thrown);
            Assert.True(complaint.Timeline.Count > events);
        }
        else
        {
            Assert.Equal(refusal, Assert.IsType<DomainRuleException>(thrown).Message);
            Assert.Equal(events, complaint.Timeline.Count);
        }
    }
}
