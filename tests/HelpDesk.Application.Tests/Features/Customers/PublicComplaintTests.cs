using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Customers;

[Collection(DatabaseCollection.Name)]
public sealed class PublicComplaintTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<SubmitComplaint.Command> ValidCommandAsync()
    {
        await using var db = fixture.CreateDbContext();
        var billing = await db.ComplaintTypes.SingleAsync(t => t.Name == "Billing issues");
        return new SubmitComplaint.Command
        {
            FormToken = Guid.NewGuid(),
            CustomerName = "Aisha Khan",
            CustomerEmail = "aisha.khan@example.com",
            CustomerPhone = "+44 20 7946 0000",
            ComplaintTypeId = billing.Id,
            Subject = "Charged twice for October",
            Description = "The October invoice was taken twice from my account.",
        };
    }

    private async Task<int> AddDepartmentAsync(string name)
    {
        await using var db = fixture.CreateDbContext();
        var department = new Department(name);
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    }

    [Fact]
    public async Task A_submission_is_logged_from_the_web_form_acknowledged_by_email_and_queues_one_acknowledgement()
    {
        var command = await ValidCommandAsync();

        var result = await fixture.SendAsync(command);

        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.Include(c => c.Timeline).SingleAsync();
        Assert.Equal(result.Reference, stored.Reference);
        Assert.Equal(Channel.WebForm, stored.Channel);
        Assert.Equal(CaseKind.Complaint, stored.Kind);
        Assert.Equal(ApplicationFixture.Now, stored.ReceivedAt);
        Assert.Equal(CaseStatus.Acknowledged, stored.Status);
        Assert.Equal(AcknowledgementMethod.Email, stored.AcknowledgementMethod);
        Assert.Equal(ApplicationFixture.Now, stored.AcknowledgedAt);
        Assert.True(stored.AcknowledgedAt <= stored.AcknowledgeDue);
        Assert.Equal(stored.ResolveDue, stored.ExpectedResponseBy);
        Assert.Equal(stored.ResolveDue, result.ExpectedBy);
        Assert.Null(stored.LoggedById);
        Assert.Equal([TimelineEventType.Logged, TimelineEventType.Acknowledged], stored.Timeline.OrderBy(e => e.Id).Select(e => e.Type));
        var customerService = await db.Departments.SingleAsync(d => d.Name == "Customer Service");
        Assert.Equal(customerService.Id, stored.DepartmentId);
        Assert.Equal("Customer Service", result.Department);

        var message = Assert.Single(await db.OutboxMessages.ToListAsync());
        Assert.Equal(TemplateKeys.AcknowledgementEmail, message.TemplateKey);
        Assert.Equal("aisha.khan@example.com", message.RecipientAddress);
        Assert.Equal(stored.Id, message.CaseId);
        Assert.Contains(stored.Reference, message.Subject, StringComparison.Ordinal);
        Assert.Contains("Customer Service", message.TextBody, StringComparison.Ordinal);
        // The resolution deadline, in words, is the date the customer is promised a response.
        Assert.Contains(stored.ResolveDue.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_with_a_default_department_sends_its_complaints_there()
    {
        var billingTeam = await AddDepartmentAsync("Billing team");
        var command = await ValidCommandAsync();
        await fixture.SendAsync(new ChooseDefaultDepartment.Command(command.ComplaintTypeId!.Value, billingTeam));

        var result = await fixture.SendAsync(command);

        await using var db = fixture.CreateDbContext();
        Assert.Equal(billingTeam, (await db.Complaints.SingleAsync()).DepartmentId);
        Assert.Equal("Billing team", result.Department);
        Assert.Contains("Billing team", (await db.OutboxMessages.SingleAsync()).TextBody, StringComparison.Ordinal);
        Assert.Contains(await db.ConfigurationChanges.Select(c => c.Action).ToListAsync(), a => a == "Default department changed");
    }

    [Fact]
    public async Task A_filled_honeypot_is_told_it_succeeded_and_nothing_is_stored()
    {
        var command = await ValidCommandAsync() with { Website = "https://spam.example", Subject = "" };

        var result = await fixture.SendAsync(command);

        Assert.Null(result.Reference);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        Assert.Equal(0, await db.ReferenceCounters.CountAsync());
    }

    [Fact]
    public async Task The_same_form_posted_again_logs_one_case_and_answers_with_its_reference()
    {
        var command = await ValidCommandAsync();

        var first = await fixture.SendAsync(command);
        var again = await fixture.SendAsync(command);

        Assert.Equal(first, again);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task The_same_form_posted_twice_at_once_logs_one_case()
    {
        var command = await ValidCommandAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.SendAsync(command)));

        Assert.Single(results.Select(r => r.Reference).Distinct());
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Theory]
    [InlineData("CustomerName", 201)]
    [InlineData("CustomerEmail", 255)]
    [InlineData("CustomerPhone", 41)]
    [InlineData("Subject", Complaint.SubjectMaxLength + 1)]
    [InlineData("Description", Complaint.DescriptionMaxLength + 1)]
    public async Task Every_field_has_a_size_limit(string field, int length)
    {
        var command = await ValidCommandAsync();
        var tooLong = field switch
        {
            "CustomerEmail" => new string('a', length - "@example.com".Length) + "@example.com",
            "CustomerPhone" => new string('1', length),
            _ => new string('x', length),
        };
        command = field switch
        {
            "CustomerName" => command with { CustomerName = tooLong },
            "CustomerEmail" => command with { CustomerEmail = tooLong },
            "CustomerPhone" => command with { CustomerPhone = tooLong },
            "Subject" => command with { Subject = tooLong },
            _ => command with { Description = tooLong },
        };

        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(command));

        Assert.Contains(failure.Errors, e => e.PropertyName == field && e.ErrorMessage.Contains("or fewer", StringComparison.Ordinal));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Required_fields_line_breaks_in_header_fields_and_retired_types_are_refused()
    {
        await using (var db = fixture.CreateDbContext())
        {
            var retired = await db.ComplaintTypes.SingleAsync(t => t.Name == "Billing issues");
            retired.Retire();
            await db.SaveChangesAsync();
        }

        var command = await ValidCommandAsync() with
        {
            CustomerName = "Eve\r\nBcc: x@evil.test",
            CustomerEmail = "eve@example.com\r\nBcc: x@evil.test",
            Subject = "Hello\r\nBcc: x@evil.test",
            Description = "",
        };

        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(command));

        Assert.Equal(
            ["ComplaintTypeId", "CustomerEmail", "CustomerName", "Description", "Subject"],
            failure.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
        await using var check = fixture.CreateDbContext();
        Assert.Equal(0, await check.OutboxMessages.CountAsync());
    }
}
