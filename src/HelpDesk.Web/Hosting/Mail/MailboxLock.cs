using Npgsql;

namespace HelpDesk.Web.Hosting.Mail;

/// <summary>Each mailbox is read by one instance at a time: a PostgreSQL session advisory lock per mailbox (docs/email.md, "Reading").</summary>
public static class MailboxLock
{
    /// <summary>The first half of every mailbox's advisory lock key ("HDMB"), so it collides with no other lock HelpDesk takes.</summary>
    public const int LockSpace = 0x48444D42;

    /// <summary>
    /// The mailbox's session-level advisory lock on a connection of its own, outside the pool: the
    /// lock lasts as long as that session, so a process that dies, however it dies, lets go of it.
    /// </summary>
    public static async Task<NpgsqlConnection?> TryTakeAsync(string configured, int mailboxId, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configured) { Pooling = false, ApplicationName = "HelpDesk mailbox reader" }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @mailbox)", connection);
            command.Parameters.AddWithValue("space", LockSpace);
            command.Parameters.AddWithValue("mailbox", mailboxId);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Fails when the lock's session has gone (the database restarted): the reader must not go on without it.</summary>
    public static async Task EnsureHeldAsync(NpgsqlConnection held, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1", held);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
