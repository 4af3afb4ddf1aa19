using System.Globalization;

namespace HelpDesk.Domain.Reporting;

/// <summary>
/// How a figure is shown, everywhere (KPI page, agent performance, charts, CSV downloads): cut to one
/// decimal on the side that does not flatter it, so a shown figure never reaches a target the exact one
/// missed. Where more is better it is cut down: 2,404 of 2,405 (99.958 %) shows as 99.9 %, not as a
/// 100.0 % that was not reached. Where less is better (the reopen rate, the change in complaint volume,
/// the online response time) it is cut up: a 5.04 % reopen rate shows as 5.1 %, not as 5.0 %. Whether a
/// target is met is decided on the exact figure, never on the shown one (docs/kpis.md, "How a figure is shown").
/// </summary>
public static class Percentage
{
    private const decimal Scale = 10m;

    /// <summary>100 × <paramref name="count"/> / <paramref name="of"/>, unrounded; null when <paramref name="of"/> is 0.</summary>
    public static decimal? Exact(int count, int of) => of == 0 ? null : 100m * count / of;

    /// <summary>The exact figure cut to one decimal: down where more is better (the default), up where less is.</summary>
    public static decimal? Shown(decimal? exact, KpiDirection better = KpiDirection.AtLeast) => exact is { } value
        ? (better == KpiDirection.AtMost ? Math.Ceiling(value * Scale) : Math.Floor(value * Scale)) / Scale
        : null;

    /// <summary>"99.9%", "100%", "-2.5%", for a figure already <see cref="Shown"/> (one decimal at most, so nothing rounds here).</summary>
    public static string Format(decimal shown) => Math.Round(shown, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
