using System.Globalization;
using System.Security.Cryptography;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Customers;

/// <summary>The <c>HelpDesk:Survey</c> configuration section.</summary>
public sealed class SurveyOptions : ICheckedOptions
{
    public const string Section = "HelpDesk:Survey";

    /// <summary>How long a survey link can be answered after the case is resolved.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);

    public void Validate()
    {
        if (LinkLifetime <= TimeSpan.Zero)
        {
            throw new StartupProblemException("HelpDesk:Survey:LinkLifetime must be positive, for example 30.00:00:00 for thirty days.");
        }
    }
}

/// <summary>What a survey link says, once read: whose case it is for, or why it cannot be used.</summary>
public enum SurveyLinkStanding
{
    Valid,
    Expired,
    NotValid,
}

public sealed record SurveyTicket(SurveyLinkStanding Standing, string? Reference)
{
    public static readonly SurveyTicket NotValid = new(SurveyLinkStanding.NotValid, null);
}

/// <summary>
/// The invitation to the satisfaction survey sent when a case is resolved: an email with a link
/// carrying a token that names the case and when the link expires, encrypted and signed with the
/// application's Data Protection keys (shared by every instance through the database) under its own
/// purpose, so no other token of HelpDesk's can pass for it. A changed character, a token made
/// elsewhere, or one of another case's altered all read as <see cref="SurveyLinkStanding.NotValid"/>.
/// The expiry is checked against the desk's clock, not the system's, so tests can move time.
/// </summary>
public sealed class SurveyInvitation(IDataProtectionProvider protection, DeskClock clock, IOptions<HelpDeskOptions> desk, IOptions<SurveyOptions> survey, MessageOutbox outbox)
{
    private const string Purpose = "HelpDesk.SatisfactionSurvey.Invitation.v1";
    private const int TokenMaxLength = 1_000;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>A token for <paramref name="reference"/>'s survey, valid for the configured lifetime from now.</summary>
    public string TokenFor(string reference)
    {
        var expires = clock.UtcNow.Add(survey.Value.LinkLifetime).ToUnixTimeSeconds();
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{reference}|{expires}"));
    }

    public string LinkFor(string reference) => $"{desk.Value.PublicBaseUrl.TrimEnd('/')}/survey/{TokenFor(reference)}";

    public SurveyTicket Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > TokenMaxLength)
        {
            return SurveyTicket.NotValid;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return SurveyTicket.NotValid;
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return SurveyTicket.NotValid;
        }

        return clock.UtcNow.ToUnixTimeSeconds() >= expires
            ? new SurveyTicket(SurveyLinkStanding.Expired, parts[0])
            : new SurveyTicket(SurveyLinkStanding.Valid, parts[0]);
    }

    /// <summary>
    /// Queues the survey email to the customer of a case just resolved, in the caller's save: only when
    /// the customer gave an email address, and not again once they have answered (a reopened case
    /// resolved a second time). The case must already have its id.
    /// </summary>
    public async Task InviteAsync(HelpDeskDbContext db, Complaint complaint, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(complaint);
        if (string.IsNullOrWhiteSpace(complaint.Customer.Email)
            || await db.SurveyResponses.AnyAsync(r => r.ComplaintId == complaint.Id, cancellationToken))
        {
            return;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Placeholders.Reference] = complaint.Reference,
            [Placeholders.CustomerName] = complaint.Customer.Name,
            [Placeholders.Subject] = complaint.Subject,
            [Placeholders.SurveyLink] = LinkFor(complaint.Reference),
        };
        await outbox.QueueToCustomerAsync(db, complaint, complaint.Customer.Email, TemplateKeys.SatisfactionSurvey, values, "Satisfaction survey", actor, now, cancellationToken);
    }
}

public static class SurveyRegistration
{
    /// <summary>The survey's options (checked at start-up) and its invitation; the web host persists the Data Protection keys.</summary>
    public static IServiceCollection AddHelpDeskSurvey(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<SurveyOptions>(configuration, SurveyOptions.Section);
        services.AddDataProtection();
        services.AddScoped<SurveyInvitation>();
        return services;
    }
}
