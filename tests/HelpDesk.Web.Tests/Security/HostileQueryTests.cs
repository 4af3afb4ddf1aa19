using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Every GET the host maps (read from its EndpointDataSource, as <see cref="RoleMatrixTests"/> does, with the
/// same seeded route values) is requested as anonymous, agent, supervisor and administrator with hostile
/// values in each query parameter it binds: NUL, huge and negative numbers, far dates, very long text.
/// Bad input gets a clear answer (a message, a 400, a 404), never a 500.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HostileQueryTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly string[] HostileValues =
    [
        "\0",
        "text\0",
        "-1",
        "0",
        "-2147483648",
        "2147483647",
        "99999999999999999999",
        "0001-01-01",
        "9999-12-31",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        new string('x', 4000),
    ];

    /// <summary>What a route needs beside the hostile value for the value to reach the code that reads it.</summary>
    private static readonly IReadOnlyDictionary<string, string> Context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Custom dates are read only when the custom period is chosen.
        ["/dashboard/kpis"] = "period=custom",
        ["/dashboard/agents"] = "period=custom",
    };

    private readonly RoleMatrixTests _matrix = new(fixture);

    public Task InitializeAsync() => _matrix.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task No_GET_route_answers_500_to_hostile_query_values_for_any_role()
    {
        var targets = await TargetsAsync();
        Assert.Contains(targets, t => t.Path == "/dashboard/kpis" && t.Parameters.Contains("from", StringComparer.OrdinalIgnoreCase));
        Assert.Contains(targets, t => t.Path == "/admin/messages/outbox" && t.Parameters.Contains("pageNumber", StringComparer.OrdinalIgnoreCase));
        Assert.Contains(targets, t => t.Path == "/api/sla/preview" && t.Parameters.Contains("receivedAt", StringComparer.OrdinalIgnoreCase));

        // The roles in parallel, each its own session: one after another takes over a minute.
        var results = await Task.WhenAll(RoleMatrixTests.Roles.Select(role => RequestAllAsync(role, targets)));
        var failures = results.SelectMany(r => r.Failures).Distinct().ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} of {results.Sum(r => r.Requests)} requests failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private async Task<(List<string> Failures, int Requests)> RequestAllAsync(string role, IReadOnlyList<Target> targets)
    {
        var failures = new List<string>();
        var requests = 0;
        using var client = fixture.CreateClient();
        await RoleMatrixTests.SignInAsync(client, role);
        foreach (var target in targets)
        {
            foreach (var value in HostileValues)
            {
                // Every parameter at once first: a role refused the route is refused before anything is bound.
                var all = target.Parameters.ToDictionary(p => p, _ => (string?)value);
                var (refused, failure) = await GetAsync(client, target, all);
                requests++;
                if (failure is not null)
                {
                    failures.Add($"{role}: {failure}");
                }

                if (refused || target.Parameters.Count < 2)
                {
                    continue;
                }

                foreach (var parameter in target.Parameters)
                {
                    (_, failure) = await GetAsync(client, target, new Dictionary<string, string?> { [parameter] = value });
                    requests++;
                    if (failure is not null)
                    {
                        failures.Add($"{role}: {failure}");
                    }
                }
            }
        }

        return (failures, requests);
    }

    /// <param name="Base">The query the route answers 200 to (its row in the role matrix), which a hostile value replaces.</param>
    private sealed record Target(string Path, IReadOnlyDictionary<string, string?> Base, IReadOnlyList<string> Parameters);

    private static async Task<(bool Refused, string? Failure)> GetAsync(HttpClient client, Target target, Dictionary<string, string?> values)
    {
        var query = new Dictionary<string, string?>(target.Base, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            query[name] = value;
        }

        var url = QueryHelpers.AddQueryString(target.Path, query);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var location = response.Headers.Location?.OriginalString ?? "";
        var refused = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && location.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase));
        var shown = url.Length > 200 ? url[..200] + "..." : url;
        return (refused, (int)response.StatusCode >= 500 ? $"GET {shown.Replace("\0", "%00", StringComparison.Ordinal)} answered {(int)response.StatusCode}" : null);
    }

    /// <summary>Each mapped GET (and named GET handler) with its real route values, and the query parameters it binds.</summary>
    private async Task<IReadOnlyList<Target>> TargetsAsync()
    {
        var loader = fixture.App.Services.GetRequiredService<PageLoader>();
        var targets = new List<Target>();
        foreach (var mapped in await _matrix.MappedEndpointsAsync())
        {
            var row = RoleMatrixTests.Expected[mapped.Route];
            var routeNames = mapped.Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (method, handler) in mapped.Requests.Where(r => r.Method == "GET"))
            {
                IEnumerable<string> names;
                if (mapped.Endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
                {
                    var compiled = await loader.LoadAsync(page, mapped.Endpoint.Metadata);
                    var onGet = compiled.HandlerMethods.Where(h => h.HttpMethod == "Get" && string.Equals(h.Name, handler, StringComparison.OrdinalIgnoreCase));
                    names = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>()
                        .Where(p => p.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true)
                        .Select(p => p.BindingInfo?.BinderModelName ?? p.Name)
                        .Concat(onGet.SelectMany(h => h.Parameters).Where(p => IsSimple(p.ParameterType)).Select(p => p.BindingInfo?.BinderModelName ?? p.Name));
                }
                else
                {
                    names = mapped.Endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Where(p => IsSimple(p.ParameterType)).Select(p => p.Name!) ?? [];
                }

                var url = _matrix.UrlFor(mapped, row, method, handler);
                var queryStart = url.IndexOf('?', StringComparison.Ordinal);
                var path = queryStart < 0 ? url : url[..queryStart];
                var query = (queryStart < 0 ? "" : url[queryStart..]) + (Context.TryGetValue(mapped.Route, out var context) ? (queryStart < 0 ? "?" : "&") + context : "");
                var baseQuery = QueryHelpers.ParseQuery(query).ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                targets.Add(new Target(path, baseQuery, [.. names.Where(n => !routeNames.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase)]));
            }
        }

        return targets;
    }

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(DateOnly) || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(Guid);
    }
}
