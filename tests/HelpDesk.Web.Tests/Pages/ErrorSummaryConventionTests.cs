using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Every refused form follows one convention (docs/accessibility.md): one error summary takes the
/// focus, each of its messages links to the control it is about, and each refused control carries
/// <c>aria-invalid="true"</c> and <c>aria-describedby</c> naming its message.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ErrorSummaryConventionTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Forms across the desk, each posted with what a hurried person leaves out, and the fields they must name.</summary>
    public static TheoryData<string, string, string[]> RefusedForms => new()
    {
        { "/cases/log", "Input.Subject=&Input.Description=&Input.CustomerName=", ["Input.Subject", "Input.Description", "Input.CustomerName"] },
        { "/admin/sla/new", "Input.Acknowledge.Amount=abc", ["Input.Acknowledge.Amount"] },
        { "/admin/calendars/new", "Input.Name=", ["Input.Name"] },
        { "/admin/mailboxes/new", "Input.Name=&Input.Host=&Input.Port=99999", ["Input.Name", "Input.Host", "Input.Port"] },
        { "/account/change-password", "Input.CurrentPassword=&Input.NewPassword=a long new password&Input.ConfirmNewPassword=other", ["Input.CurrentPassword", "Input.ConfirmNewPassword"] },
    };

    [Theory]
    [MemberData(nameof(RefusedForms))]
    public async Task A_refused_form_links_each_message_to_its_field_and_marks_the_field(string url, string form, string[] fields)
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var response = await client.SubmitAsync(url, Fields(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var summaries = page.QuerySelectorAll(".error-summary[role=alert]").Where(s => s.QuerySelector("li") is not null).ToList();
        var summary = Assert.Single(summaries);
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.True(summary.HasAttribute("autofocus"), "the summary takes the focus");
        Assert.Empty(page.QuerySelectorAll("[autofocus]").Except([summary]));

        foreach (var field in fields)
        {
            var control = page.QuerySelectorAll("input, select, textarea").Single(c => c.GetAttribute("name") == field);
            var link = summary.QuerySelectorAll("a").SingleOrDefault(a => a.GetAttribute("href") == "#" + control.Id);
            Assert.True(link is not null, $"{url}: the summary links to {field} (#{control.Id}): {summary.InnerHtml}");
            Assert.Equal("true", control.GetAttribute("aria-invalid"));
            var message = Message(page, control);
            Assert.False(string.IsNullOrWhiteSpace(message.TextContent), $"{url}: {field}'s message is empty");
            Assert.Equal(link.TextContent.Trim(), message.TextContent.Trim());
        }
        AssertEveryRefusedControlIsDescribed(page, url);
    }

    [Fact]
    public async Task A_refused_radio_group_is_reached_at_its_first_choice_and_hints_are_kept()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var response = await client.SubmitAsync("/suggestions/new", Fields("Input.Text="));

        var page = await response.ReadDocumentAsync();
        var summary = page.QuerySelector(".error-summary[autofocus]")!;
        var firstChoice = page.QuerySelectorAll("input[name='Input.Source']").First();
        Assert.NotNull(summary.QuerySelector($"a[href='#{firstChoice.Id}']"));
        Assert.All(page.QuerySelectorAll("input[name='Input.Source']"), choice => Assert.Equal("true", choice.GetAttribute("aria-invalid")));
        AssertEveryRefusedControlIsDescribed(page, "/suggestions/new");

        var hinted = await client.SubmitAsync("/admin/mailboxes/new", Fields("Input.Name=&Input.Host="));
        var mailbox = await hinted.ReadDocumentAsync();
        var host = mailbox.QuerySelector("input[name='Input.Host']")!;
        Assert.Equal(["mailbox-host-hint", "Input_Host-error"], host.GetAttribute("aria-describedby")!.Split(' '));
    }

    [Fact]
    public async Task A_page_that_refused_nothing_draws_no_summary_and_takes_no_focus()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var page = await client.GetPageAsync("/cases/log");

        Assert.Empty(page.QuerySelectorAll(".error-summary"));
        Assert.Empty(page.QuerySelectorAll("[aria-invalid]"));
        Assert.Empty(page.QuerySelectorAll(".error-summary[autofocus]"));
    }

    [Fact]
    public async Task After_a_failed_submit_the_browser_focuses_the_summary_and_its_link_reaches_the_field()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/cases/log");

        await page.GetByLabel("Subject").FillAsync("Kettle stopped heating");
        await page.Locator("button[type=submit]").Last.ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Kettle stopped heating");
        var link = summary.Locator("a[href='#Input_Description']");
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#Input_Description$"));
        await Expect(page.Locator("#Input_Description")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    private static List<KeyValuePair<string, string>> Fields(string form) =>
        form.Split('&').Select(pair => pair.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();

    private static IElement Message(IHtmlDocument page, IElement control)
    {
        var ids = (control.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var messages = ids.Select(page.GetElementById).Where(e => e is not null && e.ClassList.Contains("field-error")).ToList();
        return Assert.Single(messages)!;
    }

    private static void AssertEveryRefusedControlIsDescribed(IHtmlDocument page, string url)
    {
        foreach (var control in page.QuerySelectorAll("[aria-invalid=true]"))
        {
            var ids = (control.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(ids.Length > 0, $"{url}: {control.OuterHtml} names no message");
            Assert.All(ids, id => Assert.True(page.GetElementById(id) is not null, $"{url}: {control.GetAttribute("name")} names #{id}, which is not on the page"));
        }
    }
}
