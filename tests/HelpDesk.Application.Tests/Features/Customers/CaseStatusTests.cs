using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Customers;

[Collection(DatabaseCollection.Name)]
public sealed class CaseStatusTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        // The agent the test acts as works in the department public complaints are referred to.
        await using var db = fixture.CreateDbContext();
        fixture.CurrentUser.DepartmentId = await db.Departments.Where(d => d.Name == HelpDesk.Application.Persistence.Seeding.DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> SubmitAsync()
    {
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.SingleAsync(t => t.Name == "General");
        var result = await fixture.SendAsync(new SubmitComplaint.Command
        {
            CustomerName = "Aisha Khan",
            CustomerEmail = "Aisha.Khan@example.com",
            CustomerPhone = "+44 20 7946 0000",
            ComplaintTypeId = general.Id,
            Subject = "Boiler not fixed",
            Description = "The engineer never came.",
        });
        return result.Reference!;
    }

    [Fact]
    public async Task The_reference_and_email_show_the_public_parts_with_first_names_only_and_no_internal_notes()
    {
        var reference = await SubmitAsync();
        await fixture.SendAsync(new AddCaseNote.Command(reference, "Customer sounds litigious; check with legal.", VisibleToCustomer: false));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.SendAsync(new AddCaseNote.Command(reference, "An engineer will call you on Friday.", VisibleToCustomer: true));

        var status = await fixture.SendAsync(new GetCaseStatus.Query(reference.ToLowerInvariant(), " aisha.khan@EXAMPLE.com "));

        Assert.NotNull(status);
        Assert.Equal(reference, status.Reference);
        Assert.Equal("Boiler not fixed", status.Subject);
        Assert.Equal("Received and acknowledged", status.StatusInWords);
        Assert.Equal("Customer Service", status.Department);
        Assert.Equal(ApplicationFixture.Now, status.ReceivedAt);
        Assert.Null(status.Resolution);
        Assert.Equal(
            ["We received your complaint.", "We acknowledged your complaint and passed it to Customer Service.", "An engineer will call you on Friday."],
            status.Updates.Select(u => u.Text));
        Assert.Equal("Alex", status.Updates[^1].From);
        Assert.DoesNotContain(status.Updates, u => u.Text.Contains("litigious", StringComparison.Ordinal) || u.From.Contains("Agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_phone_number_given_at_logging_finds_the_case_too()
    {
        var reference = await SubmitAsync();

        Assert.NotNull(await fixture.SendAsync(new GetCaseStatus.Query(reference, "+44 (20) 7946-0000")));
        Assert.Null(await fixture.SendAsync(new GetCaseStatus.Query(reference, "+44 20 7946 0001")));
    }

    [Fact]
    public async Task A_wrong_email_and_a_reference_of_another_case_both_find_nothing()
    {
        var reference = await SubmitAsync();
        var other = await SubmitAsync();
        await using (var db = fixture.CreateDbContext())
        {
            // The other case belongs to someone else.
            await db.Database.ExecuteSqlAsync($"UPDATE complaints SET customer_email = 'someone@example.net' WHERE reference = {other}");
        }

        Assert.Null(await fixture.SendAsync(new GetCaseStatus.Query(reference, "eve@example.com")));
        Assert.Null(await fixture.SendAsync(new GetCaseStatus.Query(other, "aisha.khan@example.com")));
    }

    [Theory]
    [InlineData("", "Enter the reference number.")]
    [InlineData("HD-26-1", "A reference number looks like")]
    [InlineData("wrong-check", "A reference number looks like")]
    public async Task A_malformed_reference_is_refused_with_a_helpful_message(string typed, string expected)
    {
        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new GetCaseStatus.Query(typed, "aisha@example.com")));

        Assert.Contains(failure.Errors, e => e.PropertyName == "Reference" && e.ErrorMessage.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reference_with_the_wrong_check_letter_is_refused_before_any_lookup()
    {
        var reference = await SubmitAsync();
        var check = reference[^1];
        var mistyped = reference[..^1] + (check == 'A' ? 'B' : 'A');

        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new GetCaseStatus.Query(mistyped, "aisha.khan@example.com")));

        Assert.Contains(failure.Errors, e => e.PropertyName == "Reference" && e.ErrorMessage.Contains("check letter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_resolution_is_shown_once_resolved()
    {
        var reference = await SubmitAsync();
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Engineer missed the slot.", "We have booked an engineer for Friday and refunded the call-out fee.", CommunicationMethod.Email));

        var status = await fixture.SendAsync(new GetCaseStatus.Query(reference, "aisha.khan@example.com"));

        Assert.NotNull(status);
        Assert.Equal("Resolved", status.StatusInWords);
        Assert.Equal("We have booked an engineer for Friday and refunded the call-out fee.", status.Resolution);
        Assert.DoesNotContain(status.Updates, u => u.Text.Contains("Engineer missed", StringComparison.Ordinal));
    }
}
