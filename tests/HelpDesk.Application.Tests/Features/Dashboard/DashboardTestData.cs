using HelpDesk.Application.Features.Complaints;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>Cases for the dashboard's tests, logged and worked through the real commands at the fixture's clock.</summary>
internal sealed class DashboardTestData(ApplicationFixture fixture)
{
    public async Task<(long Id, string Reference)> LogAsync(string subject, DateTimeOffset receivedAt, string type = "Billing issues", Priority priority = Priority.Normal)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == type).Select(t => t.Id).SingleAsync();
        var logged = await fixture.SendAsync(CaseBuilder.Command(receivedAt, Channel.Phone, typeId, CaseBuilder.Aisha) with
        {
            Priority = priority,
            Subject = subject,
            Description = "Something went wrong.",
        });
        return (logged.Id, logged.Reference);
    }

    public Task AcknowledgeAsync(string reference, int department, string? assignee = null) =>
        fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, department, assignee, null));

    public async Task ResolveAsync(string reference) =>
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));

    public async Task CloseAsync(string reference) => await fixture.SendAsync(new CloseCase.Command(reference));

    public async Task RecordFollowUpAsync(string reference) => await fixture.SendAsync(new RecordFollowUp.Command(reference, true, 5, null));

    public async Task WaitOnCustomerAsync(string reference) => await fixture.SendAsync(new WaitOnCustomer.Command(reference, "The bank statement."));
}
