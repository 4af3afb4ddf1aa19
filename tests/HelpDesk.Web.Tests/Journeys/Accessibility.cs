using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>How a journey checks a page with axe-core: WCAG 2.1 A and AA, every violation named with its elements.</summary>
public static class Accessibility
{
    public static readonly AxeRunOptions Wcag21 = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

    public static async Task AssertWcag21Async(this IPage page)
    {
        var violations = await Wcag21ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("; ", violations));
    }

    /// <summary>Each WCAG 2.1 A/AA violation on the page as one line: the page, the rule, the elements.</summary>
    public static async Task<IReadOnlyList<string>> Wcag21ViolationsAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var results = await page.RunAxe(Wcag21);
        return results.Violations.Select(v => $"{page.Url}: {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
    }
}
