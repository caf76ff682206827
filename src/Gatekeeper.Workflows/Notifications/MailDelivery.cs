namespace Gatekeeper.Workflows.Notifications;

public enum MailDelivery
{
    /// <summary>Writes each mail as an .eml file into a pickup folder (the embedded default; a mail server or a person can collect them).</summary>
    Pickup,

    /// <summary>Sends through an SMTP server.</summary>
    Smtp,
}
