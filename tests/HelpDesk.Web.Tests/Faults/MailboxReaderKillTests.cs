using System.Diagnostics;
using System.Text;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Faults;

/// <summary>
/// The worker killed mid-batch (SIGKILL: no stopping, no goodbye to the IMAP or database server) and
/// started again handles each message exactly once: a message handled but not yet moved is found by
/// its receipt and only moved; one not yet handled is handled by the next process. HelpDesk runs
/// here as the real process, as in production.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MailboxReaderKillTests(WebFixture fixture) : IAsyncLifetime
{
    private const int Messages = 40;
    private readonly StringBuilder _output = new();

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Process StartHelpDesk()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HelpDesk.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__HelpDesk"] = fixture.ConnectionString;
        start.Environment["HelpDesk__Demo__Enabled"] = "false";
        start.Environment["HelpDesk__Sweeper__Enabled"] = "false";
        foreach (var (key, value) in ReadMailbox.ReaderSettings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Printed()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task<int> ReceiptsAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.MailReceipts.CountAsync();
    }

    private static async Task KillAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    [Fact]
    public async Task The_worker_killed_mid_batch_and_restarted_handles_each_message_exactly_once()
    {
        var mailbox = await ReadMailbox.ConnectAsync(fixture);
        for (var n = 1; n <= Messages; n++)
        {
            await mailbox.AppendAsync(ReadMailbox.Email($"Complaint number {n}", from: $"customer{n}@example.com"));
        }

        int handledBeforeKill;
        using (var first = StartHelpDesk())
        {
            try
            {
                await ReadMailbox.WaitUntilAsync(async () => await ReceiptsAsync() > 0, "the first process to handle a message", TimeSpan.FromSeconds(60), Printed);
            }
            finally
            {
                await KillAsync(first);
            }

            handledBeforeKill = await ReceiptsAsync();
        }

        Assert.True(handledBeforeKill < Messages, $"All {Messages} were handled before the kill; the test needs more messages to kill mid-batch.");

        using (var second = StartHelpDesk())
        {
            try
            {
                await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, Messages, TimeSpan.FromMinutes(3));
            }
            catch
            {
                Console.WriteLine(Printed());
                throw;
            }
            finally
            {
                await KillAsync(second);
            }
        }

        await using var db = fixture.CreateDbContext();
        Assert.Equal(Messages, await db.MailReceipts.CountAsync(r => r.Outcome == MailOutcome.NewCase));
        Assert.Equal(Messages, await db.Complaints.CountAsync());
        Assert.Equal(Messages, await db.Complaints.Select(c => c.Subject).Distinct().CountAsync());
        Assert.Equal(Messages, await db.OutboxMessages.CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail));
        Assert.Empty(await db.MailFailures.ToListAsync());
        Assert.Empty(await mailbox.ListAsync(Mailbox.DefaultFolder));
    }
}
