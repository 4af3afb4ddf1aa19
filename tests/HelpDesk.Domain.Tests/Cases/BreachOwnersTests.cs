using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using static HelpDesk.Domain.Cases.EscalationLevel;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>
/// Who a breached case escalates to (docs/sweeper.md, "Who the new owner is"), on a billing complaint
/// held by Bea Biller at tier 1, or by Sam Supervisor at tier 2.
/// </summary>
public class BreachOwnersTests
{
    private const int Billing = 1;
    private const int Technical = 2;
    private const int CustomerService = 3;
    private const int BillingType = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(BillingType, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<int, string> Departments = new() { [Billing] = "Billing", [Technical] = "Technical", [CustomerService] = "Customer Service" };
    private static readonly Dictionary<string, string> Holders = new() { ["agent-2"] = "Bea Biller", ["lead-1"] = "Sam Supervisor" };

    private static readonly BreachOwners.Candidate Sam = new("lead-1", "Sam Supervisor", "sam@example.com", Billing, TeamLead);
    private static readonly BreachOwners.Candidate Tess = new("lead-2", "Tess Techlead", "tess@example.com", Technical, TeamLead);
    private static readonly BreachOwners.Candidate Dana = new("director-1", "Dana Director", "dana@example.com", Billing, SeniorManagement);

    private static BreachOwners Choosing(params BreachOwners.Candidate[] staff) => new(staff, Departments, Holders, CustomerService);

    private static Complaint Unreferred() =>
        Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Start, Channel.Phone, CaseKind.Complaint, BillingType, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(BillingType, Priority.Normal),
            Agent,
            Start);

    private static Complaint AtTier1WithBea()
    {
        var complaint = Unreferred();
        complaint.Acknowledge(new AcknowledgementDetails(Start.AddMinutes(5), AcknowledgementMethod.Verbal, new Referral(Billing, "Billing", "agent-2", "Bea Biller"), complaint.ResolveDue), Office, Agent, Start.AddMinutes(5));
        return complaint;
    }

    private static Complaint AtTier2WithSam()
    {
        var complaint = AtTier1WithBea();
        complaint.Escalate("Asked for a manager.", new Referral(Billing, "Billing", Sam.Id, Sam.DisplayName), "Bea Biller (Billing)", Agent, Start.AddHours(1));
        return complaint;
    }

    [Fact]
    public void Going_to_tier_2_a_team_lead_of_the_cases_own_department_takes_it_and_is_emailed()
    {
        var owner = Choosing(Tess, Dana, Sam).NextTierOwner(AtTier1WithBea());

        Assert.Equal(new BreachOwners.Owner(new Referral(Billing, "Billing", Sam.Id, Sam.DisplayName), "sam@example.com"), owner);
    }

    [Fact]
    public void Going_to_tier_3_senior_management_takes_it()
    {
        var owner = Choosing(Tess, Sam, Dana).NextTierOwner(AtTier2WithSam());

        Assert.Equal(Dana.Id, owner?.Referral.AssigneeId);
    }

    [Fact]
    public void The_wanted_role_comes_before_the_department_and_the_case_moves_to_the_new_owners_department()
    {
        var owner = Choosing(Dana, Tess).NextTierOwner(AtTier1WithBea());

        Assert.Equal(new Referral(Technical, "Technical", Tess.Id, Tess.DisplayName), owner?.Referral);
    }

    [Fact]
    public void With_nobody_in_the_wanted_role_the_other_role_takes_it()
    {
        Assert.Equal(Dana.Id, Choosing(Dana).NextTierOwner(AtTier1WithBea())?.Referral.AssigneeId);
        Assert.Equal(Tess.Id, Choosing(Tess).NextTierOwner(AtTier2WithSam())?.Referral.AssigneeId);
    }

    [Fact]
    public void The_person_who_has_the_case_now_is_never_chosen()
    {
        var samAsSeniorManagement = Sam with { Level = SeniorManagement };

        Assert.Null(Choosing(Sam, samAsSeniorManagement).NextTierOwner(AtTier2WithSam()));
        Assert.Equal(Tess.Id, Choosing(Sam, samAsSeniorManagement, Tess).NextTierOwner(AtTier2WithSam())?.Referral.AssigneeId);
    }

    [Fact]
    public void Ties_go_by_name_then_by_id_so_the_choice_is_repeatable()
    {
        var zoe = new BreachOwners.Candidate("lead-0", "Zoe Zed", "zoe@example.com", Billing, TeamLead);
        var amy = new BreachOwners.Candidate("lead-9", "Amy Able", "amy@example.com", Billing, TeamLead);
        var otherAmy = amy with { Id = "lead-3", Email = "amy.two@example.com" };

        Assert.Equal(amy.Id, Choosing(zoe, amy).NextTierOwner(AtTier1WithBea())?.Referral.AssigneeId);
        Assert.Equal(otherAmy.Id, Choosing(zoe, amy, otherAmy).NextTierOwner(AtTier1WithBea())?.Referral.AssigneeId);
    }

    [Fact]
    public void A_new_owner_with_no_department_leaves_the_case_in_its_own()
    {
        var floating = Tess with { DepartmentId = null };

        Assert.Equal(new Referral(Billing, "Billing", Tess.Id, Tess.DisplayName), Choosing(floating).NextTierOwner(AtTier1WithBea())?.Referral);
    }

    [Fact]
    public void A_case_with_no_department_and_a_new_owner_with_none_goes_to_the_fallback_department_or_nowhere()
    {
        var floating = Tess with { DepartmentId = null };

        Assert.Equal(new Referral(CustomerService, "Customer Service", Tess.Id, Tess.DisplayName), Choosing(floating).NextTierOwner(Unreferred())?.Referral);
        Assert.Null(new BreachOwners([floating], Departments, Holders, fallbackDepartment: null).NextTierOwner(Unreferred()));
    }

    [Fact]
    public void With_no_team_lead_or_senior_manager_at_all_nobody_takes_it()
    {
        Assert.Null(Choosing().NextTierOwner(AtTier1WithBea()));
    }

    [Fact]
    public void Who_has_the_case_now_is_said_by_name_and_department()
    {
        var owners = Choosing();
        var heldByStranger = AtTier1WithBea();
        heldByStranger.ReferTo(new Referral(Technical, "Technical", "agent-7", "Someone Else"), null, "Bea Biller (Billing)", Agent, Start.AddHours(1));

        Assert.Equal("Bea Biller (Billing)", owners.Describe(AtTier1WithBea()));
        Assert.Equal("Technical", owners.Describe(heldByStranger));
        Assert.Equal("Unassigned", owners.Describe(Unreferred()));
    }
}
