using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// The public complaint form and status page over the real host. Each test runs its own host (with
/// an SMTP server and a generous rate limit) so that the shared host's limits are not used up.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class PublicFormsPageTests(WebFixture fixture) : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        _smtp.Start();
        _app = StartApp(permitLimit: 1000);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private HelpDeskApp StartApp(int permitLimit)
    {
        var app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
            ["HelpDesk:PublicForms:PermitLimit"] = permitLimit.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:PublicForms:WindowSeconds"] = "60",
        });
        app.StartServer();
        return app;
    }

    private async Task<List<KeyValuePair<string, string>>> ValidFormAsync(string subject = "Charged twice for October", string description = "The October invoice was taken twice.")
    {
        await using var db = fixture.CreateDbContext();
        var billing = await db.ComplaintTypes.SingleAsync(t => t.Name == "Billing issues");
        return
        [
            new("Input.CustomerName", "Aisha Khan"),
            new("Input.CustomerEmail", "aisha.khan@example.com"),
            new("Input.CustomerPhone", ""),
            new("Input.Website", ""),
            new("Input.ComplaintTypeId", billing.Id.ToString(CultureInfo.InvariantCulture)),
            new("Input.Subject", subject),
            new("Input.Description", description),
        ];
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, string field, string value) =>
        form.Select(f => f.Key == field ? new KeyValuePair<string, string>(field, value) : f).ToList();

    /// <summary>Submits the form as a browser would (its token and form token included) and returns the reference shown.</summary>
    private async Task<string> SubmitAsync(HttpClient client, List<KeyValuePair<string, string>> form)
    {
        var page = await client.GetPageAsync("/complaints/new");
        var fields = form.Append(new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!))
            .Append(new("__RequestVerificationToken", page.AntiForgeryToken()));
        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var received = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        return received.QuerySelector("#reference")?.TextContent.Trim() ?? "";
    }

    private static async Task<HttpResponseMessage> CheckStatusAsync(HttpClient client, string reference, string contact) =>
        await client.SubmitAsync("/status", [new("Input.Reference", reference), new("Input.Contact", contact)]);

    private Task<IReadOnlyList<(MimeKit.MimeMessage Message, IReadOnlyList<string> EnvelopeTo)>> MessagesAsync(int count) => _smtp.WaitForAsync(count);

    [Fact]
    public async Task A_customer_submits_sees_the_reference_and_the_acknowledgement_arrives_by_email()
    {
        using var client = fixture.CreateClient(_app);

        var reference = await SubmitAsync(client, await ValidFormAsync(description: "Line one\r\nBcc: x@evil.test"));

        Assert.Matches(@"^HD-\d{4}-000001-[A-Z]$", reference);
        var (message, envelope) = Assert.Single(await MessagesAsync(1));
        Assert.Equal(["aisha.khan@example.com"], envelope);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Customer Service", message.TextBody, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.SingleAsync();
        Assert.Equal(Channel.WebForm, stored.Channel);
        Assert.Equal(CaseStatus.Acknowledged, stored.Status);
    }

    [Fact]
    public async Task The_received_page_names_the_department_and_the_expected_response_date()
    {
        using var client = fixture.CreateClient(_app);
        var page = await client.GetPageAsync("/complaints/new");
        var form = (await ValidFormAsync())
            .Append(new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!))
            .Append(new("__RequestVerificationToken", page.AntiForgeryToken()));
        using var content = new FormUrlEncodedContent(form);

        var response = await client.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);
        var received = await client.GetPageAsync(response.Headers.Location!.OriginalString);

        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.SingleAsync();
        var text = received.Body!.TextContent;
        Assert.Contains("Customer Service", text, StringComparison.Ordinal);
        Assert.Contains(stored.ResolveDue.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_form_posted_twice_logs_one_case()
    {
        using var client = fixture.CreateClient(_app);
        var page = await client.GetPageAsync("/complaints/new");
        var form = (await ValidFormAsync())
            .Append(new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!))
            .Append(new("__RequestVerificationToken", page.AntiForgeryToken()))
            .ToList();

        for (var i = 0; i < 2; i++)
        {
            using var content = new FormUrlEncodedContent(form);
            var response = await client.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_and_nothing_is_stored()
    {
        using var client = fixture.CreateClient(_app);

        var reference = await SubmitAsync(client, With(await ValidFormAsync(), "Input.Website", "https://spam.example"));

        Assert.Equal("", reference);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Theory]
    [InlineData("Input.CustomerName")]
    [InlineData("Input.CustomerEmail")]
    [InlineData("Input.Subject")]
    public async Task A_line_break_in_a_header_field_is_refused_and_nothing_is_sent(string field)
    {
        using var client = fixture.CreateClient(_app);
        var form = await ValidFormAsync();
        var value = form.Single(f => f.Key == field).Value + "\r\nBcc: x@evil.test";

        var response = await client.SubmitAsync("/complaints/new", With(form, field, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("one line", page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task Too_long_fields_are_refused_with_a_message_and_the_form_keeps_what_was_typed()
    {
        using var client = fixture.CreateClient(_app);

        var response = await client.SubmitAsync("/complaints/new", With(await ValidFormAsync(), "Input.Subject", new string('x', Complaint.SubjectMaxLength + 1)));

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("200 characters or fewer", page.QuerySelector("[data-valmsg-for='Input.Subject']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Aisha Khan", page.QuerySelector("input[name='Input.CustomerName']")!.GetAttribute("value"));
        Assert.Equal(Complaint.SubjectMaxLength.ToString(CultureInfo.InvariantCulture), page.QuerySelector("input[name='Input.Subject']")!.GetAttribute("maxlength"));
    }

    [Fact]
    public async Task A_wrong_email_and_a_wrong_reference_get_the_identical_answer()
    {
        using var client = fixture.CreateClient(_app);
        var reference = await SubmitAsync(client, await ValidFormAsync());
        var unknown = ReferenceNumber.Create("HD", int.Parse(reference[3..7], CultureInfo.InvariantCulture), 999).ToString();

        using var wrongEmail = await CheckStatusAsync(client, reference, "someone.else@example.com");
        using var wrongReference = await CheckStatusAsync(client, unknown, "aisha.khan@example.com");

        Assert.Equal(HttpStatusCode.OK, wrongEmail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrongReference.StatusCode);
        var first = WithoutTokens(await wrongEmail.Content.ReadAsStringAsync());
        var second = WithoutTokens(await wrongReference.Content.ReadAsStringAsync());
        Assert.Equal(first, second);
        Assert.Contains("We could not find a case with that reference and email", first, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, first, StringComparison.Ordinal);
        Assert.DoesNotContain("someone.else", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_check_letter_is_explained_before_any_lookup()
    {
        using var client = fixture.CreateClient(_app);
        var reference = await SubmitAsync(client, await ValidFormAsync());
        var mistyped = reference[..^1] + (reference[^1] == 'A' ? 'B' : 'A');

        using var response = await CheckStatusAsync(client, mistyped, "aisha.khan@example.com");

        var page = await response.ReadDocumentAsync();
        Assert.Contains("check letter does not match", page.QuerySelector("[data-valmsg-for='Input.Reference']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("We could not find", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_page_shows_public_parts_as_text_never_internal_notes_or_staff_surnames()
    {
        using var client = fixture.CreateClient(_app);
        var reference = await SubmitAsync(client, await ValidFormAsync(subject: "<script>alert('x')</script> bill", description: "<b>bold</b> claim"));
        await using (var db = fixture.CreateDbContext())
        {
            var complaint = await db.Complaints.Include(c => c.Timeline).SingleAsync();
            var agent = new Actor("agent-id", "Alex Agentsurname");
            complaint.AddInternalNote("Customer sounds litigious.", agent, DateTimeOffset.UtcNow);
            complaint.AddCustomerUpdate("We have asked the billing team to refund you.", agent, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        using var response = await CheckStatusAsync(client, reference.ToLowerInvariant(), "AISHA.KHAN@example.com");

        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<script>alert('x')</script> bill", page.QuerySelector("#status-subject")!.TextContent);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Equal("Received and acknowledged", page.QuerySelector("#status-words")!.TextContent);
        Assert.Equal("Customer Service", page.QuerySelector("#status-department")!.TextContent);
        var updates = page.QuerySelector(".timeline")!.TextContent;
        Assert.Contains("We have asked the billing team to refund you.", updates, StringComparison.Ordinal);
        Assert.Contains("Alex:", updates, StringComparison.Ordinal);
        Assert.DoesNotContain("Agentsurname", html, StringComparison.Ordinal);
        Assert.DoesNotContain("litigious", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bold</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_page_is_never_cached_and_posts_the_email_in_the_body()
    {
        using var client = fixture.CreateClient(_app);
        var reference = await SubmitAsync(client, await ValidFormAsync());

        using var form = await client.GetAsync(new Uri("/status", UriKind.Relative));
        using var answer = await CheckStatusAsync(client, reference, "aisha.khan@example.com");

        Assert.Contains("no-store", form.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(answer.Headers.CacheControl!.NoStore);
        var page = await answer.ReadDocumentAsync();
        Assert.Contains(reference, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var lookup = (await form.ReadDocumentAsync()).QuerySelector("main form")!;
        Assert.Equal("post", lookup.GetAttribute("method"));
    }

    [Fact]
    public async Task Posting_either_public_form_more_than_the_limit_answers_429_with_a_friendly_page()
    {
        await using var limited = StartApp(permitLimit: 2);
        using var client = fixture.CreateClient(limited);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await CheckStatusAsync(client, "HD-2026-000001-A", "aisha@example.com");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await CheckStatusAsync(client, "HD-2026-000001-A", "aisha@example.com");
        using var submission = await client.SubmitAsync("/complaints/new", await ValidFormAsync());
        using var submission2 = await client.SubmitAsync("/complaints/new", await ValidFormAsync());
        using var refusedSubmission = await client.SubmitAsync("/complaints/new", await ValidFormAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many requests", (await refused.ReadDocumentAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submission2.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedSubmission.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(2, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task An_administrator_chooses_the_department_a_types_online_complaints_go_to()
    {
        int typeId;
        int billingTeam;
        await using (var db = fixture.CreateDbContext())
        {
            typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
            var department = new HelpDesk.Domain.Staff.Department("Billing team");
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            billingTeam = department.Id;
        }

        using var admin = fixture.CreateClient(_app);
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        var edit = await admin.GetPageAsync($"/admin/complaint-types/{typeId}");
        Assert.NotNull(edit.QuerySelector("label[for=DefaultDepartmentId]"));
        var saved = await admin.SubmitAsync($"/admin/complaint-types/{typeId}?handler=DefaultDepartment", [new("DefaultDepartmentId", billingTeam.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(billingTeam.ToString(CultureInfo.InvariantCulture), (await admin.GetPageAsync($"/admin/complaint-types/{typeId}")).QuerySelector("#DefaultDepartmentId option[selected]")!.GetAttribute("value"));

        using var customer = fixture.CreateClient(_app);
        await SubmitAsync(customer, await ValidFormAsync());

        await using var check = fixture.CreateDbContext();
        Assert.Equal(billingTeam, (await check.Complaints.SingleAsync()).DepartmentId);
        Assert.Contains("Billing team", (await MessagesAsync(1))[0].Message.TextBody, StringComparison.Ordinal);
    }

    private static string WithoutTokens(string html) => AntiForgeryValue().Replace(html, "value=\"token\"");

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex AntiForgeryValue();
}
