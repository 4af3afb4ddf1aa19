using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Common;

/// <summary>Options that check their own values: a setting no desk could run with is refused at start-up.</summary>
public interface ICheckedOptions
{
    /// <summary>Throws <see cref="StartupProblemException"/> saying which setting to fix and how.</summary>
    void Validate();
}

public static class CheckedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to the configuration section and checks it when the host starts,
    /// so a wrong setting stops the host with its own sentence instead of failing the first request that reads it.
    /// </summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, ICheckedOptions =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
}
