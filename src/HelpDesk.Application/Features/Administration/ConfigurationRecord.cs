using System.Text.Encodings.Web;
using System.Text.Json;
using HelpDesk.Domain.Administration;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// Writes the audit record of an administrator's edit. Before and after are indented JSON, so the
/// changes page shows them as an administrator would read them, not as escaped one-liners.
/// </summary>
internal static class ConfigurationRecord
{
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        // Names such as "Billing issues – UK" and "09:00–17:00" stay as typed instead of \u2013.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ConfigurationChange Of(ICurrentUser currentUser, TimeProvider time, string subject, string action, object? before, object? after) =>
        new(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, subject, action, Json(before), Json(after));

    public static string? Json(object? state) => state is null ? null : JsonSerializer.Serialize(state, Readable);
}
