using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class CalendarDefinitionConfiguration : IEntityTypeConfiguration<CalendarDefinition>
{
    public void Configure(EntityTypeBuilder<CalendarDefinition> builder)
    {
        builder.ToTable("business_calendars");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(CalendarDefinition.NameMaxLength).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.WeeklyHours).HasMaxLength(1000).IsRequired();
        builder.OwnsMany(c => c.Holidays, holiday =>
        {
            holiday.ToTable("calendar_holidays");
            holiday.WithOwner().HasForeignKey("CalendarId");
            holiday.HasKey("CalendarId", nameof(CalendarHoliday.Date));
            holiday.Property(h => h.Name).HasMaxLength(CalendarDefinition.HolidayNameMaxLength).IsRequired();
        });
        builder.Navigation(c => c.Holidays).HasField("_holidays").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
