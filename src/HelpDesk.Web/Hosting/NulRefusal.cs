using Microsoft.AspNetCore.Diagnostics;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// PostgreSQL cannot store or compare NUL in text (a query with one fails), and nobody types one: a request
/// carrying NUL in its path, query or form fields (or a form that cannot be read at all) is refused here,
/// once, with 400 before any page, API or query sees it. Pages then show the error page's explanation;
/// the API answers problem+json.
/// </summary>
public static class NulRefusal
{
    /// <summary>Set on a refused request, so the error page can say what was wrong.</summary>
    public const string Refused = "HelpDesk.NulRefused";

    public const string Explanation = "The address or form contained a NUL character (%00) or something else no field accepts, so it could not be read. Remove it and try again.";

    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The status-code page re-runs the same request; it is already refused.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && await CarriesNulAsync(context.Request))
        {
            context.Items[Refused] = true;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new()
                {
                    HttpContext = context,
                    ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "The request is not valid.", Detail = Explanation },
                });
            }

            return;
        }

        await next(context);
    });

    private static async Task<bool> CarriesNulAsync(HttpRequest request)
    {
        if ((request.Path.Value ?? "").Contains('\0', StringComparison.Ordinal)
            || request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            return true;
        }

        if (!request.HasFormContentType)
        {
            return false;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync();
        }
        catch (InvalidDataException)
        {
            // ASP.NET Core's own form reader refuses a NUL ("invalid characters"); a form that cannot be read
            // is refused here all the same, so every page says why instead of failing to bind.
            return true;
        }

        return form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
    }
}
