using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests;

/// <summary>What a browser does with a form, over plain HTTP: read the page, post the fields and its anti-forgery token.</summary>
public static class FormPosting
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static string AntiForgeryToken(this IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no anti-forgery token.");

    /// <summary>GETs the form page, then posts <paramref name="fields"/> with the page's token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var page = await client.GetPageAsync(url);
        var body = fields.ToList();
        if (withToken)
        {
            body.Add(new("__RequestVerificationToken", page.AntiForgeryToken()));
        }

        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public static async Task SignInAsync(this HttpClient client, string email, string password)
    {
        var response = await client.SubmitAsync("/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Logs a normal-priority "Billing issues" complaint from Aisha Khan, received half an hour ago, on the
    /// log form as an agent would, and answers the case page's address.
    /// </summary>
    public static async Task<string> LogBillingComplaintAsync(this HttpClient client, WebFixture fixture, Channel channel, string? email = null, string? postalAddress = null, string? phone = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await using var db = fixture.CreateDbContext();
        var billingIssues = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var response = await client.SubmitAsync("/cases/log",
        [
            new("Input.ReceivedAt", TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(-30), london).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("Input.Channel", channel.ToString()),
            new("Input.Kind", "Complaint"),
            new("Input.ComplaintTypeId", billingIssues.ToString(CultureInfo.InvariantCulture)),
            new("Input.Priority", "Normal"),
            new("Input.CustomerName", "Aisha Khan"),
            new("Input.CustomerEmail", email ?? ""),
            new("Input.CustomerPhone", phone ?? ""),
            new("Input.CustomerPostalAddress", postalAddress ?? ""),
            new("Input.Subject", "Charged twice"),
            new("Input.Description", "Twice in October."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }
}
