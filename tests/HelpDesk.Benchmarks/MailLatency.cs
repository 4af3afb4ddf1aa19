using System.Diagnostics;
using System.Globalization;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Testing;
using HelpDesk.Web.Hosting.Mail;
using MailKit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static HelpDesk.Benchmarks.LatencyMeasurement;

namespace HelpDesk.Benchmarks;

/// <summary>
/// The mailbox reader (docs/email.md, "Reading") on the test Dovecot and PostgreSQL: <c>--messages</c>
/// (default 1,000) APPENDed before it starts, about 70 % new emails and 30 % replies to earlier ones by
/// In-Reply-To, timed from start to the last receipt; then, with the reader in IDLE, <c>--singles</c>
/// (default 20) messages APPENDed one at a time, each timed from the APPEND to its receipt, which is
/// written in the transaction that updates the case.
/// </summary>
public static class MailLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Option(args, "--messages", 1_000);
        var singles = Option(args, "--singles", 20);
        var postgres = await PostgresServer.GetAsync();
        const string database = "helpdesk_mail_benchmark";
        var connectionString = await postgres.CreateDatabaseAsync(database);
        Console.WriteLine($"PostgreSQL: {postgres.Source}; database {database}");
        await using (var db = Context(connectionString))
        {
            await db.Database.MigrateAsync();
        }

        await using var services = ApplicationServices.Build(connectionString, new FakeTimeProvider(DateTimeOffset.UtcNow), new TestCurrentUser());
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedDefaultsAsync(CancellationToken.None);
        }

        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync("benchmark");
        var mailboxId = await ConnectAsync(connectionString, services, imap, account);

        var appending = Stopwatch.StartNew();
        var sent = new List<string>();
        using (var client = await imap.ConnectAsync(account))
        {
            var inbox = client.Inbox;
            for (var n = 0; n < messages; n++)
            {
                await inbox.AppendAsync(Email(n, sent));
            }

            await client.DisconnectAsync(true);
        }

        Console.WriteLine($"APPENDed {messages:N0} messages ({sent.Count(id => id.StartsWith("new", StringComparison.Ordinal)):N0} new, the rest replies) in {appending.Elapsed.TotalSeconds:F1} s");

        var reader = new MailboxReader(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<MailboxPasswords>(), services.GetRequiredService<IOptions<EmailOptions>>(), Options.Create(new ImapClientOptions()), NullLogger<MailboxReader>.Instance);
        ListMailboxesToRead.Item item;
        await using (var scope = services.CreateAsyncScope())
        {
            item = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListMailboxesToRead.Query())).Single();
        }

        using var stop = new CancellationTokenSource();
        var batch = Stopwatch.StartNew();
        var reading = Task.Run(() => reader.RunAsync(item, stop.Token));
        TimeSpan? first = null;
        while (await ReceiptsAsync(connectionString) is var handled && handled < messages)
        {
            if (handled > 0 && first is null)
            {
                first = batch.Elapsed;
            }

            if (reading.IsCompleted || batch.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new InvalidOperationException($"The reader stopped or took too long: {handled} of {messages} handled.");
            }

            await Task.Delay(100);
        }

        var all = batch.Elapsed;
        var steady = all - (first ?? TimeSpan.Zero);
        Console.WriteLine();
        Console.WriteLine($"{messages:N0} messages from one mailbox: {all.TotalSeconds:F1} s from start, {messages / all.TotalSeconds:F1} messages/s "
            + $"(first receipt after {first?.TotalSeconds:F1} s, sign-in and a cold start; after it {(messages - 1) / steady.TotalSeconds:F1} messages/s)");
        await using (var db = Context(connectionString))
        {
            Console.WriteLine($"Outcomes: {string.Join(", ", (await db.MailReceipts.GroupBy(r => r.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).Select(g => $"{g.Key} {g.Count}"))}; cases {await db.Complaints.CountAsync():N0}");
        }

        var timings = new List<double>();
        using (var client = await imap.ConnectAsync(account))
        {
            for (var n = 0; n < singles; n++)
            {
                // Each after the reader has gone back to IDLE (its pass recorded), as mail arrives on a quiet mailbox.
                await Task.Delay(500);
                var message = Email(messages + n, sent);
                var watch = Stopwatch.StartNew();
                await client.Inbox.AppendAsync(message);
                while (!await HandledAsync(connectionString, message.MessageId!))
                {
                    if (watch.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        throw new InvalidOperationException($"Message {message.MessageId} was not handled within 2 minutes.");
                    }

                    await Task.Delay(5);
                }

                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            await client.DisconnectAsync(true);
        }

        await stop.CancelAsync();
        await reading;
        var sorted = timings.Order().ToArray();
        Console.WriteLine();
        Console.WriteLine("| what | messages | figure |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| handled per second, one mailbox, from start | {messages} | {messages / all.TotalSeconds:F1} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| APPEND to case updated, under IDLE | {sorted.Length} | p50 {Percentile(sorted, 50):F0} ms, p95 {Percentile(sorted, 95):F0} ms, max {sorted[^1]:F0} ms |"));
        Console.WriteLine($"Load average: {(File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "unknown")}");
        return 0;
    }

    /// <summary>Seven in ten a new email from a customer of its own; the rest a reply to an earlier new one, threaded only by In-Reply-To.</summary>
    private static MimeMessage Email(int n, List<string> sent)
    {
        var message = new MimeMessage();
        var earlier = sent.Where(id => id.StartsWith("new", StringComparison.Ordinal)).ToList();
        var reply = n % 10 >= 7 && earlier.Count > 0;
        var customer = reply ? int.Parse(earlier[n * 7919 % earlier.Count].Split('-')[1], CultureInfo.InvariantCulture) : n;
        message.From.Add(new MailboxAddress($"Customer {customer}", $"customer{customer}@example.com"));
        message.To.Add(new MailboxAddress("Support", "support@helpdesk.test"));
        message.MessageId = $"{(reply ? "reply" : "new")}-{customer}-{n}-{Guid.NewGuid():N}@mail.example.com";
        if (reply)
        {
            message.InReplyTo = earlier.First(id => id.StartsWith($"new-{customer}-", StringComparison.Ordinal));
            message.Subject = $"Re: Complaint {customer}";
            message.Body = new TextPart("plain") { Text = $"Any news on this?\n\nOn Monday support wrote:\n> We have logged your complaint." };
        }
        else
        {
            message.Subject = $"Complaint {customer}";
            message.Body = new TextPart("plain") { Text = $"Complaint number {customer}: the invoice was taken twice." };
        }

        sent.Add(message.MessageId);
        return message;
    }

    private static async Task<int> ConnectAsync(string connectionString, ServiceProvider services, TestImapServer imap, ImapMailbox account)
    {
        await using var db = Context(connectionString);
        var department = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        var type = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var mailbox = Mailbox.Connect(
            new MailboxSettings("Benchmark", TestImapServer.Host, imap.Port, MailboxSecurity.None, account.UserName, null, department, type, "support@helpdesk.test"),
            services.GetRequiredService<MailboxPasswords>().Protect(account.Password),
            DateTimeOffset.UtcNow);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        return mailbox.Id;
    }

    private static async Task<int> ReceiptsAsync(string connectionString)
    {
        await using var db = Context(connectionString);
        return await db.MailReceipts.CountAsync();
    }

    private static async Task<bool> HandledAsync(string connectionString, string messageId)
    {
        await using var db = Context(connectionString);
        return await db.MailReceipts.AnyAsync(r => r.MessageKey == messageId);
    }

    private static HelpDeskDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
}
