using System.Globalization;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpDesk.Application.Persistence.Configurations;

/// <summary>Stores a target as readable text, <c>24 ElapsedHours</c> or <c>3 WorkingDays</c>.</summary>
internal sealed class SlaTargetConverter() : ValueConverter<SlaTarget, string>(
    target => Write(target),
    text => Read(text))
{
    public const int MaxLength = 40;

    private static string Write(SlaTarget target) => string.Create(CultureInfo.InvariantCulture, $"{target.Amount} {target.Unit}");

    private static SlaTarget Read(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return new SlaTarget(int.Parse(text.AsSpan(0, space), CultureInfo.InvariantCulture), Enum.Parse<SlaUnit>(text.AsSpan(space + 1)));
    }
}
