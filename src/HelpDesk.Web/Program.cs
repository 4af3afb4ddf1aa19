using HelpDesk.Application;
using HelpDesk.Application.Features.Deadlines;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Application.Persistence;
using HelpDesk.Web.Api;
using HelpDesk.Web.Hosting.Mail;
using HelpDesk.Web.Pages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Serilog;
using Serilog.Formatting.Compact;

var builder = WebApplication.CreateBuilder(args);
var startupProblems = new StartupProblems(builder.Configuration);

builder.Services.AddSerilog((services, logging) =>
{
    logging.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext()
        // A start-up problem we can explain ends with one sentence, not the host's stack trace.
        .Filter.ByExcluding(e => e.Exception is not null && startupProblems.Explain(e.Exception) is not null);
    if (string.Equals(builder.Configuration["HelpDesk:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
    {
        logging.WriteTo.Console(new RenderedCompactJsonFormatter());
    }
    else
    {
        logging.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
});

// The server's name helps only someone looking for its known weaknesses.
builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
builder.Services.AddSingleton<HelpDeskDatabase>();
builder.Services.AddHelpDeskApplication(builder.Configuration, services => services.GetRequiredService<HelpDeskDatabase>().ConnectionString);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddSingleton<HelpDesk.Web.Pages.DeskTime>();
builder.Services.AddSingleton<CustomerCaseAccess>();

// Migrate and seed before Kestrel starts serving: hosted services start in the order they are added.
builder.Services.AddHostedService<DatabaseInitialiser>();
// Delivers the outbox over SMTP (HelpDesk:Smtp, MailKit in Hosting/Mail); with no SMTP host configured it sends nothing.
builder.Services.AddHelpDeskMail();
builder.Services.AddHostedService<OutboxWorker>();
// Marks passed deadlines, escalates breached resolutions and warns of deadlines due soon (HelpDesk:Sweeper).
builder.Services.AddHostedService<DeadlineSweeper>();
// Builds the KPI totals on a new database and folds their differences in every minute (docs/kpis.md).
builder.Services.AddHostedService<KpiTotalsKeeper>();
builder.Services.AddMailboxReaders();

builder.Services
    .AddIdentity<StaffUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
        options.Password.RequiredLength = 12;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireDigit = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    })
    .AddEntityFrameworkStores<HelpDeskDbContext>()
    .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/account/sign-in";
    options.LogoutPath = "/account/sign-out";
    options.AccessDeniedPath = "/account/access-denied";
    options.Cookie.Name = "helpdesk.session";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.SlidingExpiration = true;
    options.ExpireTimeSpan = TimeSpan.FromHours(10);
});

builder.Services.AddStaffSessions();

// Every instance reads the same keys, so a form served by one can be posted to another.
builder.Services.AddDataProtection().SetApplicationName("HelpDesk").PersistKeysToDbContext<HelpDeskDbContext>();

builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.CaseWork, policy => policy.RequireRole(StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Administrator))
    .AddPolicy(Policies.Administration, policy => policy.RequireRole(StaffRoles.Administrator))
    .AddPolicy(Policies.Supervision, policy => policy.RequireRole(StaffRoles.Supervisor, StaffRoles.Administrator));
builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
// Password-reset links (Identity's data-protected token, bound to the security stamp) expire.
builder.Services.Configure<DataProtectionTokenProviderOptions>(options =>
    options.TokenLifespan = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.PasswordResetLinkLifetime ?? new SecurityOptions().PasswordResetLinkLifetime);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Cases", Policies.CaseWork);
    options.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
    options.Conventions.AuthorizeFolder("/Dashboard", Policies.Supervision);
    // Reviewing suggestions is a supervisor's (docs/product.md: supervisors do the periodic reviews); anyone records one at /suggestions/new.
    options.Conventions.AuthorizeFolder("/Suggestions", Policies.Supervision);
    // Which pages a cache never keeps: one convention, one list (Hosting/NoStoreFilter.cs).
    options.Conventions.Add(new NoStoreConvention());
})
    // A new member of staff changes the initial password first; an administrator may have to set up one-time codes.
    .AddMvcOptions(options =>
    {
        options.Filters.Add<AccountSetupFilter>();
        // A refused request becomes ModelState and the page again, 404 or 403, in one place (Pages/FailedRequestFilter.cs).
        options.Filters.Add<FailedRequestFilter>();
    });
// Over HTTPS the anti-forgery cookie is never sent in clear text either (the session cookie already is SameAsRequest).
builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: ["ready"]);
builder.Services.AddProblemDetails();
builder.Services.AddHelpDeskRateLimits(builder.Configuration);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.UseSecurityHeaders(SecurityHeaders.Policy());
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSerilogRequestLogging();
app.UseStaticFiles();
app.UseNulRefusal();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapRazorPages();
app.MapSlaPreview();

try
{
    await app.StartAsync();
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (startupProblems.Explain(e) is { } sentence)
{
    // The background workers started before the server failed to listen: stopped here, they finish
    // before the process ends, instead of failing against a disposed host after the sentence.
    await StopQuietlyAsync(app);
    await Console.Error.WriteLineAsync("HelpDesk could not start. " + sentence);
    return 1;
}
finally
{
    // Stops the private PostgreSQL cluster, if this run started one.
    await app.DisposeAsync();
}

static async Task StopQuietlyAsync(WebApplication app)
{
    try
    {
        await app.StopAsync(TimeSpan.FromSeconds(10));
    }
    catch (Exception e) when (e is AggregateException or OperationCanceledException or ObjectDisposedException)
    {
        // Each worker's failure to stop is already logged; the sentence that follows says what to do.
    }
}

public partial class Program;
