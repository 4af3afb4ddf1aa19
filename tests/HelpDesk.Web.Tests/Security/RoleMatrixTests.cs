using System.Net;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Publishing;
using HelpDesk.Testing;
using HelpDesk.Web.Hosting;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Who may reach what. Each row of <see cref="RoleMatrixTests.Expected"/> is one route the app maps.</summary>
public enum Access
{
    /// <summary>Open to anyone, signed in or not.</summary>
    Everyone,

    /// <summary>Any signed-in member of staff (the fallback policy).</summary>
    SignedIn,

    /// <summary>The CaseWork policy: agents, supervisors and administrators.</summary>
    CaseWork,

    /// <summary>The Administration policy: administrators only.</summary>
    Administration,

    /// <summary>The Supervision policy: supervisors and administrators, not agents.</summary>
    Supervision,
}

/// <param name="Access">Who gets in.</param>
/// <param name="Query">Appended to the GET, for endpoints that need parameters to answer 200.</param>
/// <param name="AllowedStatus">What a GET answers someone let in, when not 200 (the access-denied page says 403 by design).</param>
/// <param name="Id">Which seeded record fills an <c>{id}</c> parameter (routes share the name for different records).</param>
public sealed record Expectation(Access Access, string? Query = null, HttpStatusCode AllowedStatus = HttpStatusCode.OK, string? Id = null)
{
    public static implicit operator Expectation(Access access) => new(access);
}

/// <summary>
/// Every endpoint the real host maps (Razor Pages and minimal APIs, read from its EndpointDataSource),
/// requested as anonymous, agent, supervisor and administrator: GET, every named GET handler and every
/// POST handler. The outcome must match the row for its route in <see cref="Expected"/>, and the row
/// must agree with the endpoint's own authorization metadata. A route with no row fails the test, so
/// a new page is classified on purpose.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RoleMatrixTests(WebFixture fixture) : IAsyncLifetime
{
    // One line per route, keyed by its pattern as mapped. Route parameters take the values in RouteValues.
    public static readonly IReadOnlyDictionary<string, Expectation> Expected = new Dictionary<string, Expectation>(StringComparer.OrdinalIgnoreCase)
    {
        // The public home page: customers' choices, and the staff sign-in.
        ["/"] = Access.Everyone,
        ["/Index"] = Access.Everyone,
        ["/error/{statusCode:int?}"] = Access.Everyone,
        ["/account/sign-in"] = Access.Everyone,
        ["/account/sign-out"] = new(Access.SignedIn, AllowedStatus: HttpStatusCode.Redirect),
        ["/account/access-denied"] = new(Access.SignedIn, AllowedStatus: HttpStatusCode.Forbidden),
        ["/health/live"] = Access.Everyone,
        ["/health/ready"] = Access.Everyone,
        ["/api/sla/preview"] = new(Access.Everyone, "?type=General&priority=Normal&receivedAt=2026-11-25T10:00:00Z"),
        ["/cases"] = Access.CaseWork,
        ["/cases/search"] = new(Access.CaseWork, "?q=boiler"),
        ["/cases/log"] = Access.CaseWork,
        ["/cases/find"] = Access.CaseWork,
        ["/cases/{reference}"] = Access.CaseWork,
        ["/account/change-password"] = Access.SignedIn,
        ["/account/forgot-password"] = Access.Everyone,
        ["/account/reset-password"] = Access.Everyone,
        ["/account/two-factor"] = Access.SignedIn,
        // Without the password step's two-factor cookie the code page sends everyone back to sign in.
        ["/account/sign-in/code"] = new(Access.Everyone, AllowedStatus: HttpStatusCode.Redirect),
        ["/policy"] = Access.Everyone,
        ["/policy/versions"] = Access.Everyone,
        ["/policy/versions/{number:int}"] = Access.Everyone,
        ["/admin"] = Access.Administration,
        ["/admin/calendars"] = Access.Administration,
        ["/admin/calendars/new"] = Access.Administration,
        ["/admin/calendars/{id:int}"] = new(Access.Administration, Id: "calendar"),
        ["/admin/changes"] = Access.Administration,
        ["/admin/complaint-types"] = Access.Administration,
        ["/admin/complaint-types/{id:int}"] = new(Access.Administration, Id: "complaint-type"),
        ["/admin/departments"] = Access.Administration,
        ["/admin/messages/outbox"] = Access.Administration,
        ["/admin/messages/outbox/{id:guid}"] = new(Access.Administration, Id: "outbox-message"),
        ["/admin/messages/templates"] = Access.Administration,
        ["/admin/messages/templates/{key}"] = Access.Administration,
        ["/admin/policy"] = Access.Administration,
        // Canned responses are administrators' alone, like the message templates they share placeholders with.
        ["/admin/responses"] = Access.Administration,
        ["/admin/responses/new"] = Access.Administration,
        ["/admin/responses/{id:int}"] = new(Access.Administration, Id: "canned-response"),
        ["/admin/sla"] = Access.Administration,
        ["/admin/sla/new"] = Access.Administration,
        ["/admin/sla/{id:int}"] = new(Access.Administration, Id: "sla-rule"),
        ["/admin/staff"] = Access.Administration,
        ["/complaints/new"] = Access.Everyone,
        ["/status"] = Access.Everyone,
        // A token that is not a status link (the survey's): anyone is sent on to the lookup form, which says so.
        ["/status/link/{token}"] = new(Access.Everyone, AllowedStatus: HttpStatusCode.Redirect),
        // The seeded case's file, without the browser being let into that case: 404 for everyone, staff included.
        ["/status/files/{id:long}"] = new(Access.Everyone, AllowedStatus: HttpStatusCode.NotFound, Id: "attachment"),
        // A genuine survey link for the seeded case: the form shows to anyone holding it.
        ["/survey/{token}"] = Access.Everyone,
        // The case here was not acknowledged by post, so it has no letter: case workers get past the policy to a 404.
        ["/cases/{reference}/letter"] = new(Access.CaseWork, AllowedStatus: HttpStatusCode.NotFound),
        // A file the seeded case's customer sent: staff only, always a download.
        ["/cases/{reference}/attachments/{id:long}"] = new(Access.CaseWork, Id: "attachment"),
        ["/dashboard"] = Access.Supervision,
        ["/suggestions/new"] = Access.Everyone,
        ["/you-said-we-did"] = Access.Everyone,
        ["/suggestions"] = Access.Supervision,
        ["/suggestions/{id:long}"] = new(Access.Supervision, Id: "suggestion"),
        ["/dashboard/reviews"] = Access.Supervision,
        ["/dashboard/kpis"] = Access.Supervision,
        ["/dashboard/agents"] = Access.Supervision,
        ["/admin/kpi-targets"] = Access.Administration,
        ["/admin/mailboxes"] = Access.Administration,
        ["/admin/mailboxes/new"] = Access.Administration,
        ["/admin/mailboxes/{id:int}"] = new(Access.Administration, Id: "mailbox"),
    };

    private const string SupervisorEmail = "supervisor@example.test";
    private const string SupervisorPassword = "supervisor password 2026";

    /// <summary>
    /// An agent of a department other than the one a case is referred to: they read it like any agent,
    /// but every step posted on it is refused (docs/architecture.md, "Who may act on a case").
    /// </summary>
    private const string AgentElsewhere = "agent of another department";
    private const string AgentElsewhereEmail = "elsewhere@example.test";
    private const string AgentElsewherePassword = "elsewhere password 2026";

    /// <summary>The route whose POST handlers are the steps on one case.</summary>
    private const string CaseRoute = "/cases/{reference}";

    internal static readonly string[] Roles = ["anonymous", StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Administrator, AgentElsewhere];

    private readonly Dictionary<string, string> _routeValues = new(StringComparer.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", SupervisorPassword, StaffRoles.Supervisor);
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var logged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(CaseBuilder.Command(DateTimeOffset.UtcNow.AddHours(-1), Channel.Phone, general, CaseBuilder.Aisha) with
        {
            Subject = "Boiler",
            Description = "The boiler stopped.",
        });
        _routeValues["reference"] = logged.Reference;
        var technical = await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureDepartmentAsync("Technical", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(AgentElsewhereEmail, "Eli Elsewhere", AgentElsewherePassword, StaffRoles.Agent, technical.Id);
        // The seeded case is acknowledged to the default department, so it is out of the Technical agent's care.
        var frontDesk = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AcknowledgeCase.Command(logged.Reference, DateTimeOffset.UtcNow.AddMinutes(-30), AcknowledgementMethod.Verbal, frontDesk, null, null));
        _routeValues["token"] = scope.ServiceProvider.GetRequiredService<SurveyInvitation>().TokenFor(logged.Reference);

        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var policyNumber = await db.PolicyVersions.Select(v => (int?)v.Number).MaxAsync();
        if (policyNumber is null)
        {
            policyNumber = 1;
            db.PolicyVersions.Add(PolicyVersion.Publish(1, "Customer service policy", "We answer every complaint.", today, today, "Head of service", "First version", PolicyVisibility.Public, now, "Ada Administrator"));
        }

        var suggestion = HelpDesk.Domain.Suggestions.Suggestion.Leave("Aisha Khan", "aisha@example.com", HelpDesk.Domain.Suggestions.SuggestionSource.Customer, "Open on Saturdays.", Actor.System, now);
        db.Suggestions.Add(suggestion);
        var templateKey = await db.MessageTemplates.OrderBy(t => t.Key).Select(t => t.Key).FirstAsync();
        var outboxId = Guid.NewGuid();
        var mailbox = Mailbox.Connect(new MailboxSettings("Support", "127.0.0.1", 143, MailboxSecurity.None, "support", null, frontDesk, general, "support@helpdesk.test"),
            scope.ServiceProvider.GetRequiredService<MailboxPasswords>().Protect("imap password"), now);
        db.Mailboxes.Add(mailbox);
        var cannedResponse = HelpDesk.Domain.Responses.CannedResponse.Write("Bank statement", "Dear {customer_name}, please send the statement.", "Ada Administrator", now);
        db.CannedResponses.Add(cannedResponse);
        db.OutboxMessages.Add(OutboxMessage.Queue(outboxId, $"{outboxId:N}@helpdesk.test", templateKey, "aisha@example.com", "Aisha Khan", new RenderedMessage("Your complaint", "Text.", "<p>Text.</p>"), logged.Id, now));
        var received = CaseMessage.Received(logged.Id, MessageAuthor.Customer, MessageChannel.Email,
            new ReceivedMessage("aisha@example.com", "Aisha Khan", "Boiler", "The boiler stopped.", $"{Guid.NewGuid():N}@mail.example.com", null, null,
                [CaseAttachment.Keep(logged.Id, "boiler.pdf", "%PDF-1.4 boiler"u8.ToArray())], null), now);
        db.CaseMessages.Add(received);
        await db.SaveChangesAsync();
        _routeValues["attachment"] = received.Attachments[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["number"] = policyNumber.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["key"] = templateKey;
        _routeValues["outbox-message"] = outboxId.ToString();
        _routeValues["calendar"] = (await db.Calendars.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["complaint-type"] = general.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["suggestion"] = suggestion.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["canned-response"] = cannedResponse.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["mailbox"] = mailbox.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _routeValues["sla-rule"] = (await db.SlaRules.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A route's endpoints as the host maps them: pattern, what it needs, and which requests to send.</summary>
    internal sealed record Mapped(string Route, RouteEndpoint Endpoint, Access FromMetadata, IReadOnlyList<(string Method, string? Handler)> Requests);

    internal async Task<IReadOnlyList<Mapped>> MappedEndpointsAsync()
    {
        var services = fixture.App.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var mapped = new List<Mapped>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue;
            }

            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var requests = new List<(string, string?)>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                requests.Add(("GET", null));
                requests.AddRange(compiled.HandlerMethods
                    .Where(h => h.HttpMethod == "Post" || (h.HttpMethod == "Get" && h.Name is not null))
                    .Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                if (methods is null || methods.Contains("GET"))
                {
                    requests.Add(("GET", null));
                }
            }

            mapped.Add(new Mapped(route, endpoint, AccessFromMetadata(endpoint), requests.Distinct().ToList()));
        }

        return mapped;
    }

    private static Access AccessFromMetadata(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Access.Everyone;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(Policies.Administration) ? Access.Administration
            : policies.Contains(Policies.Supervision) ? Access.Supervision
            : policies.Contains(Policies.CaseWork) ? Access.CaseWork
            : Access.SignedIn;
    }

    [Fact]
    public async Task Every_mapped_endpoint_has_a_row_in_the_table()
    {
        var unclassified = (await MappedEndpointsAsync()).Select(m => m.Route).Where(r => !Expected.ContainsKey(r)).Distinct().ToList();

        Assert.True(unclassified.Count == 0, "Add a row to RoleMatrixTests.Expected for: " + string.Join(", ", unclassified));
    }

    [Fact]
    public async Task Every_row_in_the_table_agrees_with_the_endpoints_authorization_metadata()
    {
        var disagreements = (await MappedEndpointsAsync())
            .Where(m => Expected.TryGetValue(m.Route, out var row) && row.Access != m.FromMetadata)
            .Select(m => $"{m.Route}: the table says {Expected[m.Route].Access}, the endpoint's metadata {m.FromMetadata}")
            .ToList();

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
    }

    [Fact]
    public async Task Every_role_gets_what_the_table_says_from_every_endpoint()
    {
        var mapped = (await MappedEndpointsAsync()).Where(m => Expected.ContainsKey(m.Route)).ToList();
        Assert.Contains(mapped, m => m.Route == "/cases/{reference}");
        var failures = new List<string>();
        var checkedRequests = 0;
        var stepsRefusedElsewhere = 0;
        foreach (var role in Roles)
        {
            foreach (var endpoint in mapped)
            {
                var row = Expected[endpoint.Route];
                foreach (var (method, handler) in endpoint.Requests)
                {
                    // A fresh session for each request: a POST to sign-out must not end the next request's session.
                    using var client = fixture.CreateClient();
                    await SignInAsync(client, role);
                    var url = UrlFor(endpoint, row, method, handler);
                    using var response = method == "POST" ? await PostAsync(client, role, url) : await client.GetAsync(new Uri(url, UriKind.Relative));
                    checkedRequests++;
                    stepsRefusedElsewhere += role == AgentElsewhere && endpoint.Route == CaseRoute && method == "POST" ? 1 : 0;
                    if (Verdict(role, endpoint.Route, row, method, handler, response) is { } failure)
                    {
                        failures.Add($"{role} {method} {url}: {failure}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedRequests >= Roles.Length * Expected.Count);
        // Every step form on the case page: classify, the twelve lifecycle steps and the two kinds of note.
        Assert.True(stepsRefusedElsewhere >= Enum.GetValues<CaseAction>().Length, $"only {stepsRefusedElsewhere} case steps were posted by the agent of another department");
    }

    private static string? Verdict(string role, string route, Expectation row, string method, string? handler, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        // A challenge or a refusal carries ReturnUrl; signing out's own redirect to the sign-in page does not.
        var challenged = status == HttpStatusCode.Redirect && location.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase);
        var toSignIn = challenged && location.Contains("/account/sign-in", StringComparison.OrdinalIgnoreCase);
        var toAccessDenied = challenged && location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
        var allowed = role switch
        {
            "anonymous" => row.Access == Access.Everyone,
            StaffRoles.Administrator => true,
            StaffRoles.Supervisor => row.Access != Access.Administration,
            _ => row.Access is not (Access.Administration or Access.Supervision),
        };

        if (role == AgentElsewhere && route == CaseRoute && method == "POST")
        {
            // Let past the CaseWork policy, then refused by the case itself (the page's Forbid): every step, whatever was posted.
            return toAccessDenied || status == HttpStatusCode.Forbidden ? null : $"expected access denied for a step on a case of another department, got {(int)status} {location}";
        }

        if (!allowed)
        {
            var expectSignIn = role == "anonymous";
            return (expectSignIn ? toSignIn : toAccessDenied || status == HttpStatusCode.Forbidden)
                ? null
                : $"expected {(expectSignIn ? "a redirect to sign in" : "access denied")}, got {(int)status} {location}";
        }

        if (toSignIn || toAccessDenied || status is HttpStatusCode.Unauthorized || (int)status >= 500)
        {
            return $"expected to be let in, got {(int)status} {location}";
        }

        if (method == "GET" && handler is null)
        {
            return status == row.AllowedStatus ? null : $"expected {(int)row.AllowedStatus}, got {(int)status} {location}";
        }

        // A handler posted with a valid token but no fields may answer with its validation messages, a redirect
        // or 400 for missing parameters; what matters is that the role was let through and the token accepted.
        return status == HttpStatusCode.Forbidden ? $"expected to be let in, got {(int)status}" : null;
    }

    internal string UrlFor(Mapped endpoint, Expectation row, string method, string? handler)
    {
        var path = "/" + string.Join("/", endpoint.Endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsOptional: true } optional => _routeValues.GetValueOrDefault(optional.Name, ""),
            RoutePatternParameterPart parameter => _routeValues.TryGetValue(parameter.Name == "id" && row.Id is not null ? row.Id : parameter.Name, out var value)
                ? value
                : throw new InvalidOperationException($"Give the route parameter {{{parameter.Name}}} a seeded value in RoleMatrixTests.InitializeAsync."),
            _ => "",
        })))).TrimEnd('/');
        path = path.Length == 0 ? "/" : path;
        if (handler is not null)
        {
            return $"{path}?handler={handler}";
        }

        return method == "GET" && row.Query is not null ? path + row.Query : path;
    }

    internal static (string Email, string Password)? Credentials(string role) => role switch
    {
        StaffRoles.Agent => (WebFixture.AgentEmail, WebFixture.AgentPassword),
        StaffRoles.Supervisor => (SupervisorEmail, SupervisorPassword),
        StaffRoles.Administrator => (WebFixture.AdminEmail, WebFixture.AdminPassword),
        AgentElsewhere => (AgentElsewhereEmail, AgentElsewherePassword),
        _ => null,
    };

    internal static async Task SignInAsync(HttpClient client, string role)
    {
        if (Credentials(role) is var (email, password))
        {
            await client.SignInAsync(email, password);
        }
    }

    /// <summary>A POST with a valid anti-forgery token (from a page every caller can read), so authorization is what decides.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string role, string url)
    {
        var token = (await client.GetPageAsync(role == "anonymous" ? "/account/sign-in" : "/cases/log")).AntiForgeryToken();
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }
}
