using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Customers;

/// <summary>
/// What reaches the customer, read from the outbox rows' rendered bodies, the letter and the status
/// query: staff by first name only, each update as it was when it happened, and sentences that read
/// right when nobody in particular has the case (docs/public-forms.md, "What the customer sees").
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CustomerWordsTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private string _bea = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        // The test user works every step on every case, whatever the rules on who may act say.
        fixture.CurrentUser.Supervises = true;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _bea = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private async Task<string> LogAsync(Channel channel = Channel.Email, string? postalAddress = null)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, channel, typeId, new CaseBuilder.Customer("Aisha Khan", "aisha@example.com", PostalAddress: postalAddress)))).Reference;
    }

    /// <summary>A complaint made on the public form: acknowledged at once to the default department, with nobody named.</summary>
    private async Task<string> SubmitAsync()
    {
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.SingleAsync(t => t.Name == "General");
        return (await fixture.SendAsync(new SubmitComplaint.Command
        {
            CustomerName = "Aisha Khan",
            CustomerEmail = "aisha@example.com",
            ComplaintTypeId = general.Id,
            Subject = "Boiler not fixed",
            Description = "The engineer never came.",
        })).Reference!;
    }

    private static readonly DateTimeOffset ExpectedBy = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private async Task<OutboxMessage> QueuedAsync(string templateKey)
    {
        await using var db = fixture.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.TemplateKey == templateKey);
    }

    [Fact]
    public async Task ResolutionEmail_SignsWithFirstNameOnly()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Email, _billing, _bea, ExpectedBy));

        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "We refunded the second charge.", CommunicationMethod.Email));

        var resolution = await QueuedAsync(TemplateKeys.Resolution);
        Assert.EndsWith("Kind regards,\nBea\nBilling", resolution.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Biller", resolution.TextBody + resolution.HtmlBody + resolution.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerEmails_NameTheAssigneeByFirstNameOnly()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Email, _billing, _bea, ExpectedBy));
        await fixture.SendAsync(new ExtendResolution.Command(reference, new DateTimeOffset(2026, 12, 18, 12, 0, 0, TimeSpan.Zero), "The bank has not answered.", CommunicationMethod.Email));
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "We refunded the second charge.", CommunicationMethod.Email));

        await using var db = fixture.CreateDbContext();
        var sent = await db.OutboxMessages.AsNoTracking().Where(m => m.RecipientAddress == "aisha@example.com").ToListAsync();
        Assert.Equal(
            [TemplateKeys.AcknowledgementEmail, TemplateKeys.ExtensionNotice, TemplateKeys.Resolution, TemplateKeys.SatisfactionSurvey],
            sent.Select(m => m.TemplateKey).Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.DoesNotContain("Biller", m.Subject + m.TextBody + m.HtmlBody, StringComparison.Ordinal));
        Assert.Contains("referred to Bea in Billing, who will", sent.Single(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail).TextBody, StringComparison.Ordinal);
        Assert.Contains("Bea in Billing remains responsible", sent.Single(m => m.TemplateKey == TemplateKeys.ExtensionNotice).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgementLetter_NamesTheAssigneeByFirstNameOnly()
    {
        var reference = await LogAsync(Channel.PostalMail, "12 High Street\nExampleton");
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Postal, _billing, _bea, ExpectedBy));

        var letter = await fixture.SendAsync(new GetAcknowledgementLetter.Query(reference));

        Assert.NotNull(letter);
        Assert.Contains("Your case has been referred to Bea in Billing.", letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Biller", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandardWording_NobodyEdited_IsBroughtUpToDateAtStartUp_AndAnEditIsKept()
    {
        await using (var db = fixture.CreateDbContext())
        {
            // What an older release seeded, never edited; and a resolution an administrator reworded.
            await db.Database.ExecuteSqlAsync($"UPDATE message_templates SET body = 'Dear {{customer_name}}, {{referred_to}} in {{department}} has it.' WHERE key = {TemplateKeys.AcknowledgementEmail}");
            await db.Database.ExecuteSqlAsync($"UPDATE message_templates SET body = 'Ours: {{resolution}}', updated_at = now(), updated_by = 'Ada Administrator' WHERE key = {TemplateKeys.Resolution}");
        }

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedDefaultsAsync(CancellationToken.None);
        }

        await using var read = fixture.CreateDbContext();
        var templates = await read.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key);
        Assert.Equal(StandardMessages.Find(TemplateKeys.AcknowledgementEmail)!.Body, templates[TemplateKeys.AcknowledgementEmail].Body);
        Assert.Equal("Ours: {resolution}", templates[TemplateKeys.Resolution].Body);
    }

    [Fact]
    public async Task StatusPage_AcknowledgementStillNamesTheDepartmentOfTheTime_AfterReferral()
    {
        var reference = await SubmitAsync();
        fixture.Clock.Advance(TimeSpan.FromHours(1));

        await fixture.SendAsync(new ReferCase.Command(reference, _billing, _bea, "Needs billing."));

        var status = await fixture.SendAsync(new GetCaseStatus.Query(reference, "aisha@example.com"));
        Assert.NotNull(status);
        Assert.Equal(
            ["We received your complaint.", "We acknowledged your complaint and passed it to Customer Service."],
            status.Updates.Select(u => u.Text));
        // Both were HelpDesk's own doing, by the department that had the case then.
        Assert.Equal(["Customer Service", "Customer Service"], status.Updates.Select(u => u.From));
        Assert.Equal("Billing", status.Department);
    }

    [Fact]
    public async Task StatusPage_KeepsTheNamesRecordedThen_AfterTheDepartmentIsRenamed()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Email, _billing, _bea, ExpectedBy));
        await using (var db = fixture.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE departments SET name = 'Accounts' WHERE id = {_billing}");
        }

        var status = await fixture.SendAsync(new GetCaseStatus.Query(reference, "aisha@example.com"));

        Assert.NotNull(status);
        Assert.Contains("We acknowledged your complaint and passed it to Bea in Billing.", status.Updates.Select(u => u.Text));
    }

    [Fact]
    public async Task StatusPage_PassingEntriesWithoutTheNamesOfTheTime_NameWhoHasTheCaseToday()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, ExpectedBy));
        int customerService;
        await using (var db = fixture.CreateDbContext())
        {
            customerService = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        }

        await fixture.SendAsync(new ReferCase.Command(reference, customerService, null, null));
        await using (var db = fixture.CreateDbContext())
        {
            // Entries that do not say whom they passed the case to can only name who has it today.
            await db.Database.ExecuteSqlRawAsync("UPDATE timeline_events SET department_name = NULL, assignee_name = NULL");
        }

        var status = await fixture.SendAsync(new GetCaseStatus.Query(reference, "aisha@example.com"));

        Assert.NotNull(status);
        Assert.Contains($"We acknowledged your complaint and passed it to {DatabaseSeeder.DefaultDepartment}.", status.Updates.Select(u => u.Text));
        Assert.DoesNotContain(status.Updates, u => u.Text.Contains("Billing", StringComparison.Ordinal));
        Assert.Equal("Customer Service", status.HandledBy);
    }

    [Fact]
    public async Task AcknowledgementEmail_WithNobodyChosen_DoesNotSayCustomerServiceInCustomerService()
    {
        await SubmitAsync();

        var acknowledgement = await QueuedAsync(TemplateKeys.AcknowledgementEmail);

        Assert.DoesNotContain("Customer Service in Customer Service", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your case has been referred to Customer Service, who will look into it", acknowledgement.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolutionEmail_WithNobodyChosen_SignsWithTheDepartmentOnce()
    {
        var reference = await SubmitAsync();

        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Missed slot.", "We have booked an engineer.", CommunicationMethod.Email));

        var resolution = await QueuedAsync(TemplateKeys.Resolution);
        Assert.EndsWith("Kind regards,\nCustomer Service", resolution.TextBody, StringComparison.Ordinal);
    }
}
