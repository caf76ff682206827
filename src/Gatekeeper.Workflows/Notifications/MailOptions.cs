using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Workflows.Notifications;

/// <summary>Configuration section <c>Gatekeeper:Mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "Gatekeeper:Mail";

    public MailDelivery Delivery { get; set; } = MailDelivery.Pickup;

    /// <summary>Pickup folder, relative to the data folder unless absolute.</summary>
    [Required]
    public string PickupFolder { get; set; } = "mail-pickup";

    [Required, EmailAddress]
    public string From { get; set; } = "gatekeeper@localhost";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpEnableSsl { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
}
