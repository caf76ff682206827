using System.Net;
using System.Net.Mail;
using System.Text;

namespace Gatekeeper.Workflows.Notifications;

/// <summary>
/// Sends a notification's e-mail by SMTP, or writes it as <c>&lt;notification id&gt;.eml</c> into the
/// pickup folder (System.Net.Mail's SpecifiedPickupDirectory). Writing the same notification twice
/// (a crash after sending, before it was marked sent) replaces the file rather than adding a second one.
/// </summary>
public sealed class MailSender(MailOptions options, string pickupFolder)
{
    public string PickupFolder { get; } = pickupFolder;

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(notification.EmailTo)) throw new InvalidOperationException($"Notification {notification.Id} has no address.");
        using var message = new MailMessage(new MailAddress(options.From, "Gatekeeper"), new MailAddress(notification.EmailTo))
        {
            Subject = $"[Gatekeeper] {notification.TitleJa} / {notification.TitleEn}",
            SubjectEncoding = Encoding.UTF8,
            Body = $"{notification.BodyJa}\n\n----\n\n{notification.BodyEn}\n",
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.Headers.Add("X-Gatekeeper-Notification", notification.Id.ToString());

        if (options.Delivery == MailDelivery.Smtp)
        {
            using var smtp = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpEnableSsl };
            if (!string.IsNullOrEmpty(options.SmtpUser)) smtp.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
            await smtp.SendMailAsync(message, cancellationToken);
            return;
        }

        var staging = Path.Combine(PickupFolder, ".staging", notification.Id.ToString("N"));
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        using (var pickup = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            await pickup.SendMailAsync(message, cancellationToken);
        var written = Directory.EnumerateFiles(staging, "*.eml").Single();
        File.Move(written, Path.Combine(PickupFolder, $"{notification.Id:N}.eml"), overwrite: true);
        Directory.Delete(staging, recursive: true);
    }
}
