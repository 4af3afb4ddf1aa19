using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Deadlines;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the use cases, their pipeline and the database. The connection string is read when
    /// the first DbContext is made, so that a host may decide it late (the web host starts a local
    /// cluster when none is configured).
    /// </summary>
    public static IServiceCollection AddHelpDeskApplication(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> connectionString)
    {
        services.AddCheckedOptions<HelpDeskOptions>(configuration, HelpDeskOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DeskClock>();

        services.AddDbContext<HelpDeskDbContext>((provider, options) => ConfigureDatabase(options, connectionString(provider)));
        services.AddScoped<ReferenceNumberIssuer>();
        services.AddScoped<DatabaseSeeder>();
        services.AddScoped<SlaPolicy>();
        services.AddScoped<KpiTotals>();
        services.AddSingleton<SlaCalendarCache>();
        services.AddHelpDeskMessages(configuration);
        services.AddHelpDeskEmail(configuration);
        services.AddHelpDeskSurvey(configuration);
        services.AddHelpDeskCustomers(configuration);
        services.AddScoped<Features.Conversations.CustomerWritesBack>();
        services.AddDeadlineSweep(configuration);

        // Scoped, not the library's default Singleton: handlers take the request's DbContext.
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Who may send a request (its role, then the case's care) is decided before what they typed is checked.
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(SupervisorsOnlyBehaviour<,>), typeof(CaseCareBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(DomainRuleBehaviour<,>)];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }

    internal static void ConfigureDatabase(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsAssembly(typeof(DependencyInjection).Assembly.FullName);
                npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
            })
            .UseSnakeCaseNamingConvention();
}
