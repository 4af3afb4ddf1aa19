using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

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
}
