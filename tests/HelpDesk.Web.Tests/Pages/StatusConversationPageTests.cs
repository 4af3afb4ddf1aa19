using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Web.Pages.Public;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// The status page's conversation over the real host (docs/public-forms.md, "The status page"): the
/// status link from a case email, only the public parts, writing with files, the customer's downloads
/// and who may have them, refusals, the rate limit; and the public home page.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class StatusConversationPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string Email = "aisha.khan@example.com";
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        _app = StartApp(permitLimit: 1000);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HelpDeskApp StartApp(int permitLimit)
    {
        var app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:PublicForms:PermitLimit"] = permitLimit.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:PublicForms:WindowSeconds"] = "60",
        });
        app.StartServer();
        return app;
    }

    [GeneratedRegex(@"/status/link/(\S+)")]
    private static partial Regex StatusLinkPattern();

    /// <summary>A public complaint from <paramref name="email"/>, and the status link its acknowledgement carries.</summary>
    private async Task<(string Reference, string Link)> SubmitAsync(string email = Email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SubmitComplaint.Command
        {
            CustomerName = "Aisha Khan",
            CustomerEmail = email,
            ComplaintTypeId = general,
            Subject = "Boiler not fixed",
            Description = "The engineer never came.",
        });
        var body = await db.OutboxMessages.Where(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail && m.RecipientAddress == email)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync();
        return (result.Reference!, "/status/link/" + StatusLinkPattern().Match(body).Groups[1].Value);
    }

    /// <summary>Opens the link as a mail program's browser would: the link lets it in and sends it on to /status.</summary>
    private static async Task OpenAsync(HttpClient client, string link)
    {
        using var opened = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/status", opened.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> WriteAsync(HttpClient client, string text, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetPageAsync("/status");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiForgeryToken()), "__RequestVerificationToken" },
            { new StringContent(text), "Message.Text" },
        };
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "Message.Files", name);
        }

        return await client.PostAsync(new Uri("/status?handler=Message", UriKind.Relative), form);
    }

    private async Task<long> CaseIdAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task The_link_in_the_acknowledgement_opens_the_case_with_only_its_public_conversation()
    {
        var (reference, link) = await SubmitAsync();
        var id = await CaseIdAsync(reference);
        await using (var db = fixture.CreateDbContext())
        {
            db.CaseMessages.Add(CaseMessage.Received(id, MessageAuthor.OtherSender, MessageChannel.Email,
                new ReceivedMessage("mallory@example.net", "Mallory", "Re", "Mallory's secret words.", null, null, null, [], null), DateTimeOffset.UtcNow));
            db.CaseMessages.Add(CaseMessage.Reply(id, "Bea Billingsurname", "An engineer comes on Friday.", MessageChannel.Email, "Re", null, null, DateTimeOffset.UtcNow.AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        using var client = fixture.CreateClient(_app);
        await OpenAsync(client, link);
        using var response = await client.GetAsync(new Uri("/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(reference, page.QuerySelector("[data-testid=status-reference]")!.TextContent);
        var messages = page.QuerySelectorAll("[data-testid=status-conversation] > li").Select(li => li.TextContent).ToList();
        Assert.Single(messages);
        Assert.Contains("Bea, Customer Service", messages[0], StringComparison.Ordinal);
        Assert.Contains("An engineer comes on Friday.", messages[0], StringComparison.Ordinal);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Billingsurname", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mallory", html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[enctype='multipart/form-data'] textarea[name='Message.Text']"));
    }

    [Fact]
    public async Task A_tampered_or_expired_link_shows_the_lookup_form_with_a_sentence_and_lets_nobody_in()
    {
        var (reference, link) = await SubmitAsync();
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(StatusLink.Purpose).ToTimeLimitedDataProtector();
        var expired = "/status/link/" + protector.Protect($"{reference}\n{Email}", DateTimeOffset.UtcNow.AddMinutes(-1));

        foreach (var bad in new[] { link[..^3] + "AAA", expired, "/status/link/" + new string('A', CaseAccess.TokenMaxLength + 1) })
        {
            using var client = fixture.CreateClient(_app);

            using var opened = await client.GetAsync(new Uri(bad, UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
            var page = await client.GetPageAsync(opened.Headers.Location!.OriginalString);
            Assert.Equal(StatusModel.LinkNotValidMessage, page.QuerySelector("[data-testid=status-notice]")!.TextContent.Trim());
            Assert.NotNull(page.QuerySelector("input[name='Input.Reference']"));
            Assert.Null((await client.GetPageAsync("/status")).QuerySelector("[data-testid=status-reference]"));
        }
    }

    [Fact]
    public async Task The_customer_writes_with_files_the_refused_one_is_said_and_the_case_shows_the_rest()
    {
        var (reference, link) = await SubmitAsync();
        using var client = fixture.CreateClient(_app);
        await OpenAsync(client, link);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        using var posted = await WriteAsync(client, "Here is the photo of the boiler.", ("boiler.png", png), ("video.mov", new byte[(10 * 1024 * 1024) + 1]));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await client.GetPageAsync(posted.Headers.Location!.OriginalString);
        Assert.Equal("Thank you: your message is on your case. Not kept: video.mov (10 MB) is larger than 10 MB a file.", page.QuerySelector(".confirmation")!.TextContent);
        var message = Assert.Single(page.QuerySelectorAll("[data-testid=status-conversation] > li"));
        Assert.Contains("You", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("Here is the photo of the boiler.", message.TextContent, StringComparison.Ordinal);
        var download = message.QuerySelector("a[href^='/status/files/']")!;
        Assert.StartsWith("boiler.png", download.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var stored = await db.CaseMessages.Include(m => m.Attachments).SingleAsync(m => m.ComplaintId == db.Complaints.Single(c => c.Reference == reference).Id);
        Assert.Equal((MessageAuthor.Customer, MessageChannel.StatusPage), (stored.Author, stored.Channel));
        Assert.Equal("boiler.png", Assert.Single(stored.Attachments).FileName);
    }

    [Fact]
    public async Task An_empty_message_is_refused_beside_its_field_with_the_case_still_shown_and_nothing_stored()
    {
        var (reference, link) = await SubmitAsync();
        using var client = fixture.CreateClient(_app);
        await OpenAsync(client, link);

        using var posted = await WriteAsync(client, "   ");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.ReadDocumentAsync();
        Assert.Equal("Write a message or choose a file to send.", page.QuerySelector("[data-valmsg-for='Message.Text']")!.TextContent.Trim());
        Assert.Equal(reference, page.QuerySelector("[data-testid=status-reference]")!.TextContent);
        using var tooLong = await WriteAsync(client, new string('x', AddCustomerMessage.TextMaxLength + 1));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Equal(new string('x', AddCustomerMessage.TextMaxLength + 1), (await tooLong.ReadDocumentAsync()).QuerySelector("textarea[name='Message.Text']")!.TextContent.Trim());
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.CaseMessages.AnyAsync());
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_or_without_being_let_in_stores_nothing()
    {
        var (_, link) = await SubmitAsync();
        using var client = fixture.CreateClient(_app);
        await OpenAsync(client, link);
        using var noToken = new MultipartFormDataContent { { new StringContent("Hello"), "Message.Text" } };
        using var stranger = fixture.CreateClient(_app);
        var form = await stranger.GetPageAsync("/status");
        using var notLetIn = new MultipartFormDataContent
        {
            { new StringContent(form.AntiForgeryToken()), "__RequestVerificationToken" },
            { new StringContent("Close this case."), "Message.Text" },
        };

        using var refused = await client.PostAsync(new Uri("/status?handler=Message", UriKind.Relative), noToken);
        using var sentBack = await stranger.PostAsync(new Uri("/status?handler=Message", UriKind.Relative), notLetIn);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        Assert.Equal(StatusModel.SessionEndedMessage, (await stranger.GetPageAsync(sentBack.Headers.Location!.OriginalString)).QuerySelector("[data-testid=status-notice]")!.TextContent.Trim());
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.CaseMessages.AnyAsync());
    }

    [Fact]
    public async Task A_file_downloads_for_that_customer_only_as_a_download_never_for_another_customer_or_a_stranger()
    {
        var (reference, link) = await SubmitAsync();
        var (_, otherLink) = await SubmitAsync("someone.else@example.net");
        var id = await CaseIdAsync(reference);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AddCustomerMessage.Command(reference, Email, "The page.", [new("page.html", "<script>alert(1)</script>"u8.ToArray())]));
        }

        long html, foreign;
        await using (var db = fixture.CreateDbContext())
        {
            var mallory = CaseMessage.Received(id, MessageAuthor.OtherSender, MessageChannel.Email,
                new ReceivedMessage("mallory@example.net", "Mallory", "Re", "x", null, null, null, [CaseAttachment.Keep(id, "mallory.pdf", "%PDF-1.4 m"u8.ToArray())], null), DateTimeOffset.UtcNow);
            db.CaseMessages.Add(mallory);
            await db.SaveChangesAsync();
            html = await db.CaseAttachments.Where(a => a.FileName == "page.html").Select(a => a.Id).SingleAsync();
            foreign = mallory.Attachments[0].Id;
        }

        using var customer = fixture.CreateClient(_app);
        await OpenAsync(customer, link);
        using var other = fixture.CreateClient(_app);
        await OpenAsync(other, otherLink);
        using var stranger = fixture.CreateClient(_app);

        using var file = await customer.GetAsync(new Uri($"/status/files/{html}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("page.html", file.Content.Headers.ContentDisposition.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("text/plain", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(file.Headers.CacheControl!.NoStore);
        foreach (var (client, fileId) in new[] { (other, html), (stranger, html), (customer, foreign), (customer, html + 1000) })
        {
            using var refused = await client.GetAsync(new Uri($"/status/files/{fileId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Another_customers_case_never_shows_however_the_lookup_is_made()
    {
        var (reference, _) = await SubmitAsync();
        var (otherReference, otherLink) = await SubmitAsync("someone.else@example.net");
        using var client = fixture.CreateClient(_app);
        await OpenAsync(client, otherLink);

        using var lookup = await client.SubmitAsync("/status", [new("Input.Reference", reference), new("Input.Contact", "someone.else@example.net")]);

        var page = await lookup.ReadDocumentAsync();
        Assert.Contains(StatusModel.NotFoundMessage, page.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, page.DocumentElement.TextContent, StringComparison.Ordinal);
        // Still let into their own case only.
        Assert.Equal(otherReference, (await client.GetPageAsync("/status")).QuerySelector("[data-testid=status-reference]")!.TextContent);
    }

    [Fact]
    public async Task Writing_more_than_the_limit_answers_429_and_stores_no_more()
    {
        await using var limited = StartApp(permitLimit: 2);
        var (_, link) = await SubmitAsync();
        using var client = fixture.CreateClient(limited);
        await OpenAsync(client, link);

        using var first = await WriteAsync(client, "One.");
        using var second = await WriteAsync(client, "Two.");
        using var third = await WriteAsync(client, "Three.");

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.NotNull(third.Headers.RetryAfter);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(2, await db.CaseMessages.CountAsync());
    }

    [Fact]
    public async Task The_home_page_offers_the_customers_choices_and_staff_sign_in_or_their_queue()
    {
        using var anonymous = fixture.CreateClient(_app);
        var home = await anonymous.GetPageAsync("/");
        var links = home.QuerySelectorAll("[data-testid=home-choices] h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/complaints/new", "/status", "/suggestions/new", "/policy"], links);
        Assert.Equal("/account/sign-in", home.QuerySelector("[data-testid=home-staff] a")!.GetAttribute("href"));

        using var staff = fixture.CreateClient(_app);
        await staff.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var signedIn = await staff.GetPageAsync("/");
        Assert.Equal("/cases", signedIn.QuerySelector("[data-testid=home-staff] a")!.GetAttribute("href"));
        Assert.Equal(4, signedIn.QuerySelectorAll("[data-testid=home-choices] h2 a").Length);
    }
}
