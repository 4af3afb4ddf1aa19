using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Web.Api;

/// <summary>
/// <c>GET /api/sla/preview?type=&amp;priority=&amp;receivedAt=[&amp;resolvedAt=]</c>: the deadlines the SLA
/// table in force gives. Open to anyone, like the published SLA table it is computed from. Bad
/// parameters answer 400 <c>application/problem+json</c> naming the parameter.
/// </summary>
public static class SlaPreviewEndpoint
{
    public static void MapSlaPreview(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/sla/preview", PreviewAsync).AllowAnonymous().WithName("SlaPreview");

    private static async Task<IResult> PreviewAsync(string? type, string? priority, string? receivedAt, string? resolvedAt, ISender sender, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(type))
        {
            errors["type"] = ["Give the complaint type's name, e.g. type=Billing issues."];
        }

        Priority parsedPriority = default;
        if (!Enum.TryParse(priority, ignoreCase: true, out parsedPriority) || !Enum.IsDefined(parsedPriority) || int.TryParse(priority, out _))
        {
            errors["priority"] = ["Give one of Low, Normal, High, Critical."];
        }

        var received = ReadInstant(receivedAt, "receivedAt", required: true, errors);
        var resolved = ReadInstant(resolvedAt, "resolvedAt", required: false, errors);
        if (received is not null && resolved is not null && resolved < received)
        {
            errors["resolvedAt"] = ["resolvedAt cannot be before receivedAt."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The preview's parameters are not valid.");
        }

        var preview = await sender.Send(new PreviewDeadlines.Query(type!, parsedPriority, received!.Value, resolved), cancellationToken);
        if (preview is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["type"] = [$"There is no complaint type named '{type}'."] }, title: "The preview's parameters are not valid.");
        }

        return Results.Ok(new
        {
            acknowledgeBy = Utc(preview.AcknowledgeBy),
            resolveBy = Utc(preview.ResolveBy),
            followUpBy = preview.FollowUpBy is { } f ? Utc(f) : null,
            row = preview.Row,
            calendar = preview.Calendar,
        });
    }

    /// <summary>ISO 8601 with an offset or Z: a time without one could be in any zone, so it is refused.</summary>
    private static DateTimeOffset? ReadInstant(string? text, string name, bool required, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[name] = [$"Give {name} as an ISO 8601 instant, e.g. 2026-11-25T10:00:00Z."];
            }

            return null;
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            if (!BusinessCalendar.CanCountFrom(instant))
            {
                errors[name] = [$"Give {name} in a year {BusinessCalendar.CountableRange}: business calendars count time only in those years."];
                return null;
            }

            return instant.ToUniversalTime();
        }

        errors[name] = [$"'{text}' is not an ISO 8601 instant with an offset or Z, e.g. 2026-11-25T10:00:00Z."];
        return null;
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
