using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Features.Deadlines;

/// <summary>The <c>HelpDesk:Sweeper</c> section: how often deadlines are swept, and how early owners are warned.</summary>
public sealed class SweeperOptions
{
    public const string Section = "HelpDesk:Sweeper";

    /// <summary>Off, this instance does not sweep (others on the same database still may).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The wait between passes: a breach is marked, and a warning sent, at most this long late.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far ahead, in business time on the deadline's own calendar, a deadline counts as due soon:
    /// four business hours on the office calendar is the rest of a morning, or the end of one day and
    /// the start of the next.
    /// </summary>
    public TimeSpan WarningWindow { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How many cases one transaction takes; each batch commits its marks with its emails.</summary>
    public int BatchSize { get; set; } = 200;

    public void Validate()
    {
        if (Interval <= TimeSpan.Zero || WarningWindow < TimeSpan.Zero || BatchSize < 1)
        {
            throw new StartupProblemException("HelpDesk:Sweeper: Interval must be positive, WarningWindow zero or more, and BatchSize at least 1.");
        }
    }
}

public static class SweeperRegistration
{
    /// <summary>The sweep and its options (checked at start-up); the host adds <see cref="DeadlineSweeper"/>.</summary>
    public static IServiceCollection AddDeadlineSweep(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SweeperOptions>().Bind(configuration.GetSection(SweeperOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<DeadlineSweep>();
        return services;
    }
}
