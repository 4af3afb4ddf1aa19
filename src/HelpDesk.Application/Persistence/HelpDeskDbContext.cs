using HelpDesk.Application.Identity;
using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Publishing;
using HelpDesk.Domain.Reporting;
using HelpDesk.Domain.Responses;
using HelpDesk.Domain.Reviews;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Staff;
using HelpDesk.Domain.Suggestions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace HelpDesk.Application.Persistence;

/// <summary>
/// The one database HelpDesk keeps: cases, the policy's configuration, staff (ASP.NET Core Identity)
/// and the Data Protection keys every app instance shares. Handlers use it directly.
/// </summary>
public sealed class HelpDeskDbContext(DbContextOptions<HelpDeskDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<CaseResolution> CaseResolutions => Set<CaseResolution>();
    public DbSet<ComplaintType> ComplaintTypes => Set<ComplaintType>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<CalendarDefinition> Calendars => Set<CalendarDefinition>();
    public DbSet<SlaRule> SlaRules => Set<SlaRule>();
    public DbSet<ConfigurationChange> ConfigurationChanges => Set<ConfigurationChange>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<CaseActionReceipt> CaseActionReceipts => Set<CaseActionReceipt>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<Suggestion> Suggestions => Set<Suggestion>();
    public DbSet<PeriodicReview> PeriodicReviews => Set<PeriodicReview>();
    public DbSet<KpiTarget> KpiTargets => Set<KpiTarget>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<MailReceipt> MailReceipts => Set<MailReceipt>();
    public DbSet<MailFailure> MailFailures => Set<MailFailure>();
    public DbSet<CaseMessage> CaseMessages => Set<CaseMessage>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        NameIdentityTables(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HelpDeskDbContext).Assembly);
    }

    /// <summary>Identity names its tables AspNetUsers and so on; here they read like the rest of the schema.</summary>
    private static void NameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<StaffUser>(b =>
        {
            b.ToTable("staff_users");
            b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_staff_users_normalized_user_name");
            b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_staff_users_normalized_email");
        });
        builder.Entity<IdentityRole>(b =>
        {
            b.ToTable("staff_roles");
            b.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_staff_roles_normalized_name");
        });
        builder.Entity<IdentityUserRole<string>>().ToTable("staff_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("staff_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("staff_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("staff_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("staff_role_claims");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and reordering an enum cannot corrupt data.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
