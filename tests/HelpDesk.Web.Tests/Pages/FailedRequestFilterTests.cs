using System.Net;
using System.Text.RegularExpressions;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// A refused request becomes an answer on a page in one place, <c>Pages/FailedRequestFilter.cs</c>
/// (docs/architecture.md, "How a request flows"): validation messages beside their fields and the page
/// loaded again with what was typed, 404 for a thing that does not exist, 403 for a step the role may
/// not take. These go through the real host; the source checks keep the rule from being copied back.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class FailedRequestFilterTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_form_its_validator_refuses_is_shown_again_with_the_message_beside_its_field_and_the_page_loaded()
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        var tooLong = new string('x', 500);

        var refused = await admin.SubmitAsync("/admin/departments?handler=Add", [new("NewName", tooLong)]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='NewName']")?.TextContent));
        Assert.Equal(tooLong, page.QuerySelector("input[name='NewName']")?.GetAttribute("value"));
        // The list the page shows was loaded again (IReloadsOnFailure), not left empty.
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=departments] tbody tr"));
    }

    [Fact]
    public async Task A_row_form_its_validator_refuses_shows_the_message_above_the_reloaded_list()
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var refused = await admin.SubmitAsync("/admin/departments?handler=Rename", [new("departmentId", "-1"), new("name", "Anything")]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".error-summary")?.TextContent));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=departments] tbody tr"));
    }

    [Theory]
    [InlineData("Review", "Decision", "Adopt")]
    [InlineData("Publish", "YouSaid", "Saturdays")]
    [InlineData("Withdraw", "", "")]
    public async Task A_post_about_a_suggestion_that_does_not_exist_answers_404(string handler, string field, string value)
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        var fields = field.Length == 0
            ? new List<KeyValuePair<string, string>>()
            : [new($"{handler}.{field}", value), new("Review.Explanation", "Done."), new("Publish.WeDid", "Open on Saturdays.")];

        // The suggestion's own page is a 404, so the token comes from another page (it is the session's, not the page's).
        fields.Add(new("__RequestVerificationToken", (await admin.GetPageAsync("/admin/departments")).AntiForgeryToken()));
        using var content = new FormUrlEncodedContent(fields);

        var answer = await admin.PostAsync(new Uri($"/suggestions/987654321?handler={handler}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    /// <summary>Validation_failures_were_caught_in_36_page_models_and_row_actions_copied, then still in 10 (issue 13, item 3).</summary>
    [Fact]
    public void Validation_failures_are_turned_into_the_page_by_one_filter_not_caught_in_each_page_model()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "HelpDesk.Web", "Pages");
        var filter = Path.Combine(pages, "FailedRequestFilter.cs");
        var catching = Directory.EnumerateFiles(pages, "*.cs", SearchOption.AllDirectories)
            .Where(file => file != filter && CatchesValidation().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(pages, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var rowActions = Directory.EnumerateFiles(pages, "*.cs", SearchOption.AllDirectories)
            .Count(file => RowActionDefinition().IsMatch(File.ReadAllText(file)));

        // Even what looked like a page's own (a report's period refused, the reviews period falling back
        // to the last complete one, a download's 400, the outbox retry said in the confirmation) is said
        // to the filter with IReloadsOnFailure and [ValidationFailures]/[BadRequestOnFailure].
        Assert.Empty(catching);
        Assert.Equal(1, rowActions);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HelpDesk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"catch\s*\(\s*(FluentValidation\.)?ValidationException\b")]
    private static partial Regex CatchesValidation();

    [GeneratedRegex(@"Task<IActionResult> RowActionAsync\(")]
    private static partial Regex RowActionDefinition();
}
