using Gatekeeper.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// Sends the e-mails of notifications written by workflow steps (the outbox). At least once: a crash
/// after sending and before marking sends again; in the pickup folder the file is replaced, not doubled.
/// </summary>
public sealed class MailOutbox(IDbContextFactory<GatekeeperDbContext> factory, MailSender sender, IOptions<MailOptions> options, IOptions<WorkflowOptions> workflow,
    TimeProvider time, ILogger<MailOutbox> logger)
{
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Notifications.Where(n => n.EmailStatus == MailStatus.Pending)
            .OrderBy(n => n.CreatedAt).Take(workflow.Value.BatchSize).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var notification in pending)
        {
            try
            {
                await sender.SendAsync(notification, cancellationToken);
                notification.EmailStatus = MailStatus.Sent;
                notification.EmailSentAt = time.GetUtcNow();
                notification.EmailError = null;
                sent++;
            }
            catch (Exception ex) when (ex is System.Net.Mail.SmtpException or IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
            {
                notification.EmailAttempts++;
                notification.EmailError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                if (notification.EmailAttempts >= options.Value.MaxAttempts) notification.EmailStatus = MailStatus.Failed;
                logger.LogWarning(ex, "E-mail of notification {NotificationId} failed (attempt {Attempt})", notification.Id, notification.EmailAttempts);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }
}
