using HelpDesk.Application.Identity;
using HelpDesk.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// Every page of the site, as each role sees it, checked by axe-core (WCAG 2.1 A and AA) in Chromium: the
/// pages are read from the host's endpoints, as <see cref="RoleMatrixTests"/> reads them with its seeded
/// records, so a new page is checked without being listed here. Then the error states: the refusal pages
/// and a refused form of each kind, where the error summary must also hold the focus
/// (docs/accessibility.md).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EveryPageAccessibilityJourney(WebFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Roles = ["anonymous", StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Administrator];

    /// <summary>A refused form for each role: the page and the button that submits it, with nothing filled in.</summary>
    private static readonly (string Role, string Url, string Button)[] RefusedForms =
    [
        ("anonymous", "/complaints/new", "Send my complaint"),
        ("anonymous", "/suggestions/new", "Send my suggestion"),
        (StaffRoles.Agent, "/cases/log", "Log and get reference number"),
        (StaffRoles.Agent, "/account/change-password", "Change password"),
        (StaffRoles.Administrator, "/admin/sla/new", "Add row"),
        (StaffRoles.Administrator, "/admin/calendars/new", "Add calendar"),
        (StaffRoles.Administrator, "/admin/mailboxes/new", "Connect mailbox"),
    ];

    private readonly RoleMatrixTests _matrix = new(fixture);

    public Task InitializeAsync() => _matrix.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_page_passes_axe_for_every_role_that_may_see_it()
    {
        var pages = (await _matrix.MappedEndpointsAsync())
            .Where(m => m.Endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(m => RoleMatrixTests.Expected[m.Route].AllowedStatus == System.Net.HttpStatusCode.OK)
            .GroupBy(m => m.Route).Select(g => g.First())
            .ToList();
        Assert.Contains(pages, p => p.Route == "/cases/{reference}");
        Assert.Contains(pages, p => p.Route == "/admin/mailboxes/{id:int}");

        var violations = new List<string>();
        var checkedPages = 0;
        foreach (var role in Roles)
        {
            var page = await SignedInAsync(role);
            foreach (var mapped in pages.Where(p => MaySee(role, RoleMatrixTests.Expected[p.Route].Access)))
            {
                var url = _matrix.UrlFor(mapped, RoleMatrixTests.Expected[mapped.Route], "GET", null);
                // A download (a customer's file, a CSV) is not a page: asked for first without the browser, which would save it.
                var answer = await page.Context.APIRequest.GetAsync(url);
                if (answer.Status != 200)
                {
                    violations.Add($"{role} {url}: expected 200, got {answer.Status}");
                    continue;
                }
                if (!(answer.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                {
                    continue;
                }
                await page.GotoAsync(url);
                violations.AddRange((await page.Wcag21ViolationsAsync()).Select(v => $"{role} {v}"));
                checkedPages++;
            }
            await page.Context.CloseAsync();
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(checkedPages >= 3 * pages.Count(p => RoleMatrixTests.Expected[p.Route].Access == Access.Everyone), $"only {checkedPages} pages checked");
    }

    [Fact]
    public async Task The_refusal_pages_and_refused_forms_pass_axe_with_the_focus_on_the_error_summary()
    {
        var violations = new List<string>();
        var anonymous = await SignedInAsync("anonymous");
        var agent = await SignedInAsync(StaffRoles.Agent);
        var missing = await agent.GotoAsync("/nowhere-at-all");
        Assert.Equal(404, missing!.Status);
        violations.AddRange(await agent.Wcag21ViolationsAsync());
        await agent.GotoAsync("/admin");
        await Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/access-denied"));
        violations.AddRange(await agent.Wcag21ViolationsAsync());

        foreach (var group in RefusedForms.GroupBy(f => f.Role))
        {
            var page = group.Key switch { "anonymous" => anonymous, StaffRoles.Agent => agent, _ => await SignedInAsync(group.Key) };
            foreach (var (_, url, button) in group)
            {
                await page.GotoAsync(url);
                await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
                var summary = page.Locator(".error-summary[autofocus]");
                await Expect(summary).ToBeFocusedAsync();
                violations.AddRange((await page.Wcag21ViolationsAsync()).Select(v => $"{group.Key} refused {v}"));
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private static bool MaySee(string role, Access access) => role switch
    {
        "anonymous" => access == Access.Everyone,
        StaffRoles.Agent => access is Access.Everyone or Access.SignedIn or Access.CaseWork,
        StaffRoles.Supervisor => access != Access.Administration,
        _ => true,
    };

    private async Task<IPage> SignedInAsync(string role)
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        if (RoleMatrixTests.Credentials(role) is var (email, password))
        {
            await page.GotoAsync("/account/sign-in");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        }
        return page;
    }
}
