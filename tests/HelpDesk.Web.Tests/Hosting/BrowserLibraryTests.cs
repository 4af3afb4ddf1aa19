using System.Text.Json;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>The build restores Chart.js from package-lock.json into wwwroot/lib; the host serves that very version.</summary>
[Collection(WebCollection.Name)]
public sealed class BrowserLibraryTests(WebFixture fixture)
{
    [Fact]
    public async Task The_chart_library_served_is_the_version_the_lock_file_pins()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/lib/chart.js/chart.umd.min.js", UriKind.Relative));
        var script = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        Assert.StartsWith("/*!\n * Chart.js v" + LockedVersion("chart.js") + "\n", script, StringComparison.Ordinal);
    }

    private static string LockedVersion(string package)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("The tests run outside the repository: no HelpDesk.sln above " + AppContext.BaseDirectory);
        }

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "src", "HelpDesk.Web", "package-lock.json")));
        return lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/" + package).GetProperty("version").GetString()!;
    }
}
