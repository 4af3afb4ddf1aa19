using Microsoft.EntityFrameworkCore.Design;

namespace HelpDesk.Application.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<HelpDeskDbContext>
{
    public HelpDeskDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HelpDeskDbContext>();
        DependencyInjection.ConfigureDatabase(options, "Host=localhost;Database=helpdesk_design_time");
        return new HelpDeskDbContext(options.Options);
    }
}
