using System.Net.Sockets;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Domain.Messages;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace HelpDesk.Web.Hosting.Mail;

/// <summary>
/// The outbox's way out over SMTP (<c>HelpDesk:Smtp</c>) with MailKit. It only talks to the server and
/// says in words what went wrong; which message goes next, retries and marking sent are the outbox's
/// (<see cref="OutboxDelivery"/>).
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>A connected (and, with credentials, authenticated) client for one batch.</summary>
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            return new Connection(client);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw NotSent(failure);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>What went wrong in words for the attempts list; a 5xx answer is the server refusing for good.</summary>
    private static MailNotSentException NotSent(Exception failure)
    {
        var (outcome, reason) = failure switch
        {
            SmtpCommandException command when (int)command.StatusCode >= 500 =>
                (DeliveryOutcome.Rejected, $"The server refused ({(int)command.StatusCode}, {command.ErrorCode}): {command.Message}"),
            SmtpCommandException command =>
                (DeliveryOutcome.Failed, $"The server answered {(int)command.StatusCode} ({command.ErrorCode}): {command.Message}"),
            SmtpProtocolException protocol => (DeliveryOutcome.Failed, "SMTP protocol error: " + protocol.Message),
            ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException => (DeliveryOutcome.Failed, failure.Message),
            SocketException socket => (DeliveryOutcome.Failed, $"Could not reach the SMTP server: {socket.Message}"),
            IOException io => (DeliveryOutcome.Failed, "The connection to the SMTP server failed: " + io.Message),
            TimeoutException or OperationCanceledException => (DeliveryOutcome.Failed, "The SMTP server did not answer in time."),
            _ => (DeliveryOutcome.Failed, $"{failure.GetType().Name}: {failure.Message}"),
        };
        var cause = failure is SmtpCommandException answered ? $"SMTP {(int)answered.StatusCode}" : failure.GetType().Name;
        return new MailNotSentException(outcome, reason, cause, failure);
    }

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        // After anything but the server's own answer to a command, the conversation is in an unknown state.
        private bool _broken;

        public bool IsUsable => !_broken && client.IsConnected;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _broken |= failure is not SmtpCommandException;
                throw NotSent(failure);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, quick.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException or SocketException)
            {
                // Every message's outcome is already recorded; a failed goodbye changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
