using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Complaints;

[Collection(DatabaseCollection.Name)]
public sealed class LogComplaintTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<LogComplaint.Command> ValidCommandAsync()
    {
        await using var db = fixture.CreateDbContext();
        var billing = await db.ComplaintTypes.SingleAsync(t => t.Name == "Billing issues");
        return CaseBuilder.Command(ApplicationFixture.Now.AddMinutes(-20), Channel.Phone, billing.Id, new CaseBuilder.Customer("  Aisha Khan ", "aisha.khan@example.com")) with
        {
            Subject = "Charged twice for October",
            Description = "The October invoice was taken twice from her account.",
        };
    }

    [Fact]
    public async Task Logging_stores_the_case_with_a_reference_number_and_its_first_timeline_event()
    {
        var command = await ValidCommandAsync();

        var result = await fixture.SendAsync(command);

        Assert.Matches(@"^HD-2026-000001-[A-Z]$", result.Reference);
        Assert.True(ReferenceNumber.Read(result.Reference).IsValid);
        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.Include(c => c.Timeline).SingleAsync();
        Assert.Equal(result.Reference, stored.Reference);
        Assert.Equal(result.Id, stored.Id);
        Assert.Equal(command.ReceivedAt, stored.ReceivedAt);
        Assert.Equal(ApplicationFixture.Now, stored.LoggedAt);
        Assert.Equal(CaseStatus.Logged, stored.Status);
        Assert.Equal(Channel.Phone, stored.Channel);
        Assert.Equal(CaseKind.Complaint, stored.Kind);
        Assert.Equal(command.ComplaintTypeId, stored.ComplaintTypeId);
        Assert.Equal("Aisha Khan", stored.Customer.Name);
        Assert.Equal("aisha.khan@example.com", stored.Customer.Email);
        Assert.Null(stored.Customer.Phone);
        Assert.Equal("test-agent-id", stored.LoggedById);
        var logged = Assert.Single(stored.Timeline);
        Assert.Equal(TimelineEventType.Logged, logged.Type);
        Assert.Equal("Alex Agent", logged.ActorName);
        Assert.Equal(ApplicationFixture.Now, logged.OccurredAt);
        Assert.Contains(result.Reference, logged.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_given_at_first_contact_logs_the_case_resolved_with_its_follow_up_clock_running()
    {
        var command = await ValidCommandAsync() with
        {
            FirstContactAnswer = "Refunded the second payment while she was on the phone.",
            FirstContactCommunicatedBy = CommunicationMethod.Verbal,
        };

        var result = await fixture.SendAsync(command);

        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Id == result.Id);
        Assert.Equal(CaseStatus.Resolved, stored.Status);
        Assert.True(stored.ResolvedAtFirstContact);
        Assert.Equal("Refunded the second payment while she was on the phone.", stored.ResolutionResponse);
        Assert.Equal(CommunicationMethod.Verbal, stored.ResolutionCommunicatedBy);
        Assert.Equal(ApplicationFixture.Now, stored.ResolvedAt);
        Assert.NotNull(stored.FollowUpDue);
        Assert.True(stored.FollowUpDue > ApplicationFixture.Now);
        // The customer gave an email, so the satisfaction survey is queued with the case.
        Assert.Equal([TimelineEventType.Logged, TimelineEventType.ResolvedAtFirstContact, TimelineEventType.MessageQueued], stored.Timeline.OrderBy(e => e.Id).Select(e => e.Type));
    }

    [Fact]
    public async Task An_answer_at_first_contact_without_saying_how_it_was_given_is_refused_and_nothing_is_stored()
    {
        var command = await ValidCommandAsync() with { FirstContactAnswer = "Explained the tariff." };

        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(command));

        Assert.Contains(failure.Errors, e => e.PropertyName == nameof(LogComplaint.Command.FirstContactCommunicatedBy));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Each_case_gets_the_next_number_of_the_year()
    {
        var command = await ValidCommandAsync();

        var first = await fixture.SendAsync(command);
        var second = await fixture.SendAsync(command);

        Assert.StartsWith("HD-2026-000001-", first.Reference, StringComparison.Ordinal);
        Assert.StartsWith("HD-2026-000002-", second.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_year_in_the_reference_is_the_year_of_logging_in_the_desks_zone()
    {
        // 31 December 2026 23:30 UTC is still 2026 in London; an hour later it is 2027.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));
        var command = await ValidCommandAsync() with { ReceivedAt = new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero) };
        var lastOf2026 = await fixture.SendAsync(command);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var firstOf2027 = await fixture.SendAsync(command);

        Assert.StartsWith("HD-2026-000001-", lastOf2026.Reference, StringComparison.Ordinal);
        Assert.StartsWith("HD-2027-000001-", firstOf2027.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_may_be_backdated_to_the_day_it_arrived()
    {
        var command = await ValidCommandAsync() with { Channel = Channel.PostalMail, ReceivedAt = ApplicationFixture.Now.AddDays(-3) };

        await fixture.SendAsync(command);

        await using var db = fixture.CreateDbContext();
        Assert.Equal(ApplicationFixture.Now.AddDays(-3), (await db.Complaints.SingleAsync()).ReceivedAt);
    }

    public static TheoryData<string, string> InvalidCommands() => new()
    {
        { "future", nameof(LogComplaint.Command.ReceivedAt) },
        { "too-old", nameof(LogComplaint.Command.ReceivedAt) },
        { "no-channel", nameof(LogComplaint.Command.Channel) },
        { "unknown-channel", nameof(LogComplaint.Command.Channel) },
        { "no-kind", nameof(LogComplaint.Command.Kind) },
        { "unknown-kind", nameof(LogComplaint.Command.Kind) },
        { "no-type", nameof(LogComplaint.Command.ComplaintTypeId) },
        { "unknown-type", nameof(LogComplaint.Command.ComplaintTypeId) },
        { "no-priority", nameof(LogComplaint.Command.Priority) },
        { "unknown-priority", nameof(LogComplaint.Command.Priority) },
        { "no-name", nameof(LogComplaint.Command.CustomerName) },
        { "blank-name", nameof(LogComplaint.Command.CustomerName) },
        { "long-name", nameof(LogComplaint.Command.CustomerName) },
        { "bad-email", nameof(LogComplaint.Command.CustomerEmail) },
        { "long-email", nameof(LogComplaint.Command.CustomerEmail) },
        { "no-contact", nameof(LogComplaint.Command.CustomerEmail) },
        { "bad-phone", nameof(LogComplaint.Command.CustomerPhone) },
        { "long-phone", nameof(LogComplaint.Command.CustomerPhone) },
        { "long-address", nameof(LogComplaint.Command.CustomerPostalAddress) },
        { "no-subject", nameof(LogComplaint.Command.Subject) },
        { "long-subject", nameof(LogComplaint.Command.Subject) },
        { "no-description", nameof(LogComplaint.Command.Description) },
        { "long-description", nameof(LogComplaint.Command.Description) },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public async Task Bad_input_is_refused_with_a_message_for_its_field_and_nothing_is_stored(string mistake, string field)
    {
        var valid = await ValidCommandAsync();
        var command = mistake switch
        {
            "future" => valid with { ReceivedAt = ApplicationFixture.Now.AddMinutes(1) },
            "too-old" => valid with { ReceivedAt = ApplicationFixture.Now.AddDays(-LogComplaint.MaxBackdating - 1) },
            "no-channel" => valid with { Channel = null },
            "unknown-channel" => valid with { Channel = (Channel)99 },
            "no-kind" => valid with { Kind = null },
            "unknown-kind" => valid with { Kind = (CaseKind)99 },
            "no-type" => valid with { ComplaintTypeId = null },
            "unknown-type" => valid with { ComplaintTypeId = 999_999 },
            "no-priority" => valid with { Priority = null },
            "unknown-priority" => valid with { Priority = (Priority)99 },
            "no-name" => valid with { CustomerName = null },
            "blank-name" => valid with { CustomerName = "   " },
            "long-name" => valid with { CustomerName = new string('n', 201) },
            "bad-email" => valid with { CustomerEmail = "aisha at example" },
            "long-email" => valid with { CustomerEmail = new string('a', 250) + "@example.com" },
            "no-contact" => valid with { CustomerEmail = " ", CustomerPhone = null, CustomerPostalAddress = "" },
            "bad-phone" => valid with { CustomerPhone = "call me maybe" },
            "long-phone" => valid with { CustomerPhone = new string('1', 41) },
            "long-address" => valid with { CustomerPostalAddress = new string('a', 501) },
            "no-subject" => valid with { Subject = "" },
            "long-subject" => valid with { Subject = new string('s', Complaint.SubjectMaxLength + 1) },
            "no-description" => valid with { Description = null },
            "long-description" => valid with { Description = new string('d', Complaint.DescriptionMaxLength + 1) },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(command));

        var failure = Assert.Single(refused.Errors, e => e.PropertyName == field);
        Assert.False(string.IsNullOrWhiteSpace(failure.ErrorMessage));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
        Assert.Equal(0, await db.TimelineEvents.CountAsync());
        Assert.Equal(0, await db.ReferenceCounters.CountAsync());
    }

    [Fact]
    public async Task A_retired_complaint_type_is_not_offered_for_new_cases()
    {
        await using (var db = fixture.CreateDbContext())
        {
            await db.ComplaintTypes.Where(t => t.Name == "Billing issues").ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, false));
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(await ValidCommandAsync()));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(LogComplaint.Command.ComplaintTypeId));
    }

    [Fact]
    public async Task Any_one_contact_detail_is_enough()
    {
        var valid = await ValidCommandAsync();

        await fixture.SendAsync(valid with { CustomerEmail = null, CustomerPhone = "+44 (0)20 7946-0958" });
        await fixture.SendAsync(valid with { CustomerEmail = null, CustomerPostalAddress = "1 High Street\nCardiff CF10 1AA" });

        await using var db = fixture.CreateDbContext();
        Assert.Equal(2, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Staff_find_a_case_by_its_reference_number_typed_loosely()
    {
        var logged = await fixture.SendAsync(await ValidCommandAsync());

        var found = await fixture.SendAsync(new GetComplaint.Query("  " + logged.Reference.ToLowerInvariant().Replace('-', ' ') + " "));

        Assert.NotNull(found);
        Assert.Equal(logged.Reference, found.Reference);
        Assert.Equal("Billing issues", found.ComplaintType);
        Assert.Equal("Aisha Khan", found.CustomerName);
        Assert.Single(found.Timeline);
    }

    [Fact]
    public async Task A_mistyped_reference_finds_nothing_even_when_its_digits_match_a_case()
    {
        var logged = await fixture.SendAsync(await ValidCommandAsync());
        var wrongCheck = logged.Reference[..^1] + (logged.Reference[^1] == 'A' ? 'B' : 'A');

        Assert.Null(await fixture.SendAsync(new GetComplaint.Query(wrongCheck)));
        Assert.Null(await fixture.SendAsync(new GetComplaint.Query("not a reference")));
        Assert.Null(await fixture.SendAsync(new GetComplaint.Query(ReferenceNumber.Create("HD", 2026, 999).ToString())));
    }
}
