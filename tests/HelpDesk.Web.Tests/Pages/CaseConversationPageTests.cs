using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// The conversation on the case page, the reply form, and the files customers sent: staff download
/// them under a safe name, with the detected type, <c>nosniff</c> and no caching; an HTML file never renders.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CaseConversationPageTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> AgentAsync()
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        return client;
    }

    /// <summary>A customer's email on the case with these files, as the mailbox reader keeps it.</summary>
    private async Task<IReadOnlyList<long>> ReceivedWithAsync(string reference, string from, MessageAuthor author, params (string Name, byte[] Content)[] files)
    {
        await using var db = fixture.CreateDbContext();
        var caseId = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
        var message = CaseMessage.Received(caseId, author, MessageChannel.Email,
            new ReceivedMessage(from, "Aisha Khan", "More about it", "Here is the statement.\n\nOn Tuesday HelpDesk wrote:\n> old text", $"{Guid.NewGuid():N}@mail.example.com", null, null,
                [.. files.Select(f => CaseAttachment.Keep(caseId, f.Name, f.Content))], null),
            DateTimeOffset.UtcNow);
        db.CaseMessages.Add(message);
        await db.SaveChangesAsync();
        return [.. message.Attachments.Select(a => a.Id)];
    }

    [Fact]
    public async Task A_file_downloads_as_an_attachment_under_its_safe_name_with_the_detected_type_nosniff_and_no_store()
    {
        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var reference = caseUrl["/cases/".Length..];
        var pdf = "%PDF-1.4 the statement"u8.ToArray();
        var id = (await ReceivedWithAsync(reference, "aisha@example.com", MessageAuthor.Customer, ("../../Kontoauszug \"Oktober\".pdf", pdf)))[0];

        using var response = await client.GetAsync(new Uri($"{caseUrl}/attachments/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Kontoauszug _Oktober_.pdf", disposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_file_is_served_as_plain_text_and_as_a_download_so_it_never_renders()
    {
        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var reference = caseUrl["/cases/".Length..];
        var id = (await ReceivedWithAsync(reference, "aisha@example.com", MessageAuthor.Customer, ("invoice.html", "<html><script>alert(document.cookie)</script></html>"u8.ToArray())))[0];

        using var response = await client.GetAsync(new Uri($"{caseUrl}/attachments/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("invoice.html", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("other-case")]
    [InlineData("missing")]
    [InlineData("bad-reference")]
    public async Task A_file_not_on_the_case_named_is_not_found(string what)
    {
        using var client = await AgentAsync();
        var first = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var second = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var id = (await ReceivedWithAsync(first["/cases/".Length..], "aisha@example.com", MessageAuthor.Customer, ("a.pdf", "%PDF-1.4"u8.ToArray())))[0];
        var url = what switch
        {
            "other-case" => $"{second}/attachments/{id}",
            "missing" => $"{first}/attachments/{id + 1000}",
            _ => $"/cases/not-a-reference/attachments/{id}",
        };

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_conversation_shows_who_wrote_when_and_how_with_links_to_the_files_and_someone_elses_email_marked_internal()
    {
        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var reference = caseUrl["/cases/".Length..];
        var id = (await ReceivedWithAsync(reference, "aisha@example.com", MessageAuthor.Customer, ("statement.pdf", "%PDF-1.4"u8.ToArray())))[0];
        await ReceivedWithAsync(reference, "stranger@example.net", MessageAuthor.OtherSender);

        var page = await client.GetPageAsync(caseUrl);

        var messages = page.QuerySelectorAll("[data-testid=conversation] > li");
        Assert.Equal(2, messages.Length);
        Assert.Contains("Aisha Khan <aisha@example.com>", messages[0].QuerySelector(".actor")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("by email", messages[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(messages[0].QuerySelector("time[datetime]"));
        // What was new is shown; the quoted history is one click away.
        Assert.Equal("Here is the statement.", messages[0].QuerySelector(".message-text")!.TextContent);
        Assert.Contains("> old text", messages[0].QuerySelector("details")!.TextContent, StringComparison.Ordinal);
        var link = messages[0].QuerySelector<IHtmlAnchorElement>(".attachments a")!;
        Assert.Equal($"/cases/{reference}/attachments/{id}", link.GetAttribute("href"));
        Assert.Contains("statement.pdf", link.TextContent, StringComparison.Ordinal);
        Assert.Null(messages[0].QuerySelector(".visibility"));
        Assert.Equal("Internal", messages[1].QuerySelector(".visibility")!.TextContent);
    }

    [Fact]
    public async Task An_empty_reply_shows_the_form_again_with_a_message_and_a_reply_appears_in_the_conversation_and_the_outbox()
    {
        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var reference = caseUrl["/cases/".Length..];

        using var refused = await PostComposerAsync(client, caseUrl, "Reply", ("Composer.Text", "   "), ("Composer.Channel", "Email"), ("Composer.Then", "LeaveUnchanged"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await refused.ReadDocumentAsync();
        Assert.Equal("Write the reply.", again.QuerySelector("[data-valmsg-for='Composer.Text']")!.TextContent.Trim());
        Assert.NotNull(again.QuerySelector("details.action[open] form[action$='handler=Reply']"));

        using var sent = await PostComposerAsync(client, caseUrl, "Reply", ("Composer.Text", "Could you send the bank statement?"), ("Composer.Channel", "Email"), ("Composer.Then", "LeaveUnchanged"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await client.GetPageAsync(caseUrl);
        Assert.Equal("Reply emailed to the customer.", page.QuerySelector(".confirmation")!.TextContent.Trim());
        var reply = Assert.Single(page.QuerySelectorAll("[data-testid=conversation] > li"));
        Assert.Contains("Alex Agent (staff)", reply.TextContent, StringComparison.Ordinal);
        Assert.Contains("Could you send the bank statement?", reply.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var queued = await db.OutboxMessages.SingleAsync(m => m.TemplateKey == TemplateKeys.Reply);
        Assert.StartsWith($"[{reference}]", queued.Subject, StringComparison.Ordinal);
        Assert.StartsWith(QuotedHistory.ReplyMarker, queued.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_this_response_fills_the_text_from_the_case_without_script_and_keeps_the_rest_as_typed()
    {
        await using (var db = fixture.CreateDbContext())
        {
            db.CannedResponses.Add(HelpDesk.Domain.Responses.CannedResponse.Write("Ask for the statement", "Dear {customer_name}, please send the statement for {reference}.\n\n{signed_by}", "Ada Administrator", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        var reference = caseUrl["/cases/".Length..];
        await AcknowledgeAsync(reference);
        var offered = (await client.GetPageAsync(caseUrl)).QuerySelectorAll<IHtmlOptionElement>("select[name='Composer.ResponseId'] option").Where(o => o.Value.Length > 0).ToList();
        var choice = Assert.Single(offered);
        Assert.Equal("Ask for the statement", choice.Text);

        using var filled = await PostComposerAsync(client, caseUrl, "UseResponse", ("Composer.ResponseId", choice.Value), ("Composer.Text", "typed before"),
            ("Composer.Channel", "Phone"), ("Composer.Then", "WaitOnCustomer"), ("Composer.WhatIsNeeded", "The statement."));

        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var page = await filled.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("details#composer[open]"));
        var text = page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Composer.Text']")!.Value.ReplaceLineEndings("\n");
        Assert.Equal($"Dear Aisha Khan, please send the statement for {reference}.\n\nAlex\n{HelpDesk.Application.Persistence.Seeding.DatabaseSeeder.DefaultDepartment}", text);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Composer.Channel'][value='Phone']")!.IsChecked);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Composer.Then'][value='WaitOnCustomer']")!.IsChecked);
        Assert.Equal("The statement.", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Composer.WhatIsNeeded']")!.Value);

        using var none = await PostComposerAsync(client, caseUrl, "UseResponse", ("Composer.ResponseId", "999999"), ("Composer.Text", "kept"));
        var refused = await none.ReadDocumentAsync();
        Assert.Equal("Choose one of the listed responses.", refused.QuerySelector("[data-valmsg-for='Composer.ResponseId']")!.TextContent.Trim());
        Assert.Equal("kept", refused.QuerySelector<IHtmlTextAreaElement>("textarea[name='Composer.Text']")!.Value);
    }

    [Fact]
    public async Task A_step_after_sending_that_lacks_its_field_is_named_beside_it_and_the_reply_is_kept()
    {
        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        await AcknowledgeAsync(caseUrl["/cases/".Length..]);

        using var refused = await PostComposerAsync(client, caseUrl, "Reply", ("Composer.Text", "Please send the statement."), ("Composer.Channel", "Email"), ("Composer.Then", "WaitOnCustomer"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Equal("Say what is needed from the customer.", page.QuerySelector("[data-valmsg-for='Composer.WhatIsNeeded']")!.TextContent.Trim());
        Assert.Equal("Please send the statement.", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Composer.Text']")!.Value);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.TemplateKey == TemplateKeys.Reply));
    }

    [Fact]
    public async Task A_case_without_a_customer_email_offers_the_composer_without_email_or_files_and_records_a_phone_reply()
    {
        using var client = await AgentAsync();
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "01234 567890");

        var page = await client.GetPageAsync(caseUrl);

        Assert.Null(page.QuerySelector("input[name='Composer.Channel'][value='Email']"));
        Assert.Null(page.QuerySelector("input[type=file]"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Composer.Channel'][value='Phone']")!.IsChecked);
        using var sent = await PostComposerAsync(client, caseUrl, "Reply", ("Composer.Text", "Refund agreed on the phone."), ("Composer.Channel", "Phone"), ("Composer.Then", "LeaveUnchanged"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await client.GetPageAsync(caseUrl);
        Assert.Equal("Reply recorded as given.", after.QuerySelector(".confirmation")!.TextContent.Trim());
        Assert.Contains("Reply to the customer by phone", after.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Acknowledged to the agent's own department, so waiting on the customer is a step the page offers.</summary>
    private async Task AcknowledgeAsync(string reference)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
        var frontDesk = await db.Departments.Where(d => d.Name == HelpDesk.Application.Persistence.Seeding.DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AcknowledgeCase.Command(reference, DateTimeOffset.UtcNow.AddMinutes(-20), AcknowledgementMethod.Verbal, frontDesk, null, null));
    }

    private static async Task<HttpResponseMessage> PostComposerAsync(HttpClient client, string caseUrl, string handler, params (string Name, string Value)[] typed)
    {
        var page = await client.GetPageAsync(caseUrl);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith("handler=Reply", StringComparison.Ordinal));
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(typed.Select(t => new KeyValuePair<string, string>(t.Name, t.Value)));
        using var content = new FormUrlEncodedContent(fields);
        var action = form.GetAttribute("action")!.Replace("handler=Reply", "handler=" + handler, StringComparison.Ordinal);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }
}
