using System.Globalization;

namespace HelpDesk.Domain.Reporting;

/// <summary>
/// How a percentage is shown, everywhere (KPI page, agent performance, charts, CSV downloads): cut
/// down to one decimal, never rounded up, so 2,404 of 2,405 (99.958 %) shows as 99.9 %, not as a
/// 100.0 % that was not reached. Whether a target is met is decided on the exact figure, never on
/// the shown one (docs/kpis.md, "How a figure is shown").
/// </summary>
public static class Percentage
{
    private const decimal Scale = 10m;

    /// <summary>100 × <paramref name="count"/> / <paramref name="of"/>, unrounded; null when <paramref name="of"/> is 0.</summary>
    public static decimal? Exact(int count, int of) => of == 0 ? null : 100m * count / of;

    /// <summary>The exact figure floored to one decimal.</summary>
    public static decimal? Shown(decimal? exact) => exact is { } value ? Math.Floor(value * Scale) / Scale : null;

    /// <summary>"99.9%", "100%", "-2.5%".</summary>
    public static string Format(decimal exact) => Shown(exact)!.Value.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
