using Gatekeeper.Workflows.Engine;

namespace Gatekeeper.Workflows.Notifications;

/// <summary>The wording of each notification kind in English and Japanese; <c>{name}</c> is replaced by the intent's arguments.</summary>
public static class NotificationTexts
{
    private static readonly Dictionary<string, (string TitleEn, string TitleJa, string BodyEn, string BodyJa)> Texts = new(StringComparer.Ordinal)
    {
        [NotificationKinds.TaskAssigned] = ("New review task: {reference}", "新しい審査タスク: {reference}",
            "You have been assigned the step '{state}' of {reference} \"{title}\". Due: {due}. Decision deadline: {deadline}.",
            "{reference}「{title}」の「{state}」があなたに割り当てられました。期限: {due}。決定期限: {deadline}。"),
        [NotificationKinds.TaskInPool] = ("Task waiting in the team queue: {reference}", "チームキューに未割当のタスク: {reference}",
            "The step '{state}' of {reference} \"{title}\" has a task nobody is assigned to. Claim it or assign it in the review queue.",
            "{reference}「{title}」の「{state}」に担当者のいないタスクがあります。審査キューで引き受けるか割り当ててください。"),
        [NotificationKinds.TaskReminder] = ("Reminder: {reference}", "リマインダー: {reference}",
            "The step '{state}' of {reference} \"{title}\" is waiting for you. Due: {due}.",
            "{reference}「{title}」の「{state}」があなたの対応を待っています。期限: {due}。"),
        [NotificationKinds.TaskEscalated] = ("Overdue task: {reference}", "期限超過のタスク: {reference}",
            "The step '{state}' of {reference} \"{title}\" has passed its due date ({due}).",
            "{reference}「{title}」の「{state}」が期限（{due}）を過ぎました。"),
        [NotificationKinds.DeadlineWarning] = ("Decision deadline approaching: {reference}", "決定期限が近づいています: {reference}",
            "{reference} \"{title}\" must be decided by {deadline}.",
            "{reference}「{title}」は{deadline}までに決定する必要があります。"),
        [NotificationKinds.DeadlineMissed] = ("Decision deadline passed: {reference}", "決定期限を過ぎました: {reference}",
            "The decision deadline of {reference} \"{title}\" ({deadline}) has passed.",
            "{reference}「{title}」の決定期限（{deadline}）を過ぎました。"),
        [NotificationKinds.DeadlineExtended] = ("Review period extended: {reference}", "審査期間の延長: {reference}",
            "The decision deadline of your application {reference} \"{title}\" is extended to {deadline}. Reason: {reason}",
            "申請 {reference}「{title}」の決定期限が{deadline}まで延長されました。理由: {reason}"),
        [NotificationKinds.Decision] = ("Decision on {reference}: {decision}", "{reference} の決定: {decisionJa}",
            "The review board has decided on {reference} \"{title}\": {decision}. The decision letter is in the portal. {permit}",
            "審査委員会が {reference}「{title}」について決定しました: {decisionJa}。決定通知書はポータルで確認できます。{permitJa}"),
        [NotificationKinds.RevisionRequested] = ("Revision requested: {reference}", "修正の依頼: {reference}",
            "The review board asks you to revise {reference} \"{title}\": {reason} Answer by submitting a new version.",
            "審査委員会から {reference}「{title}」の修正依頼があります: {reason} 新しい版を提出して回答してください。"),
        [NotificationKinds.Comment] = ("New message on {reference}", "{reference} に新しいメッセージ",
            "{author} wrote on {reference} \"{title}\": {body}",
            "{author} さんが {reference}「{title}」にメッセージを書きました: {body}"),
        [NotificationKinds.PermitRevoked] = ("Data permit revoked: {permit}", "データ利用許可の取消: {permit}",
            "Data permit {permit} for {reference} has been revoked; every run under it has stopped. Reason: {reason}",
            "{reference} のデータ利用許可 {permit} が取り消されました。この許可による処理はすべて停止しました。理由: {reason}"),
    };

    public static (string TitleEn, string TitleJa, string BodyEn, string BodyJa) Render(string kind, IReadOnlyDictionary<string, string> args)
    {
        if (!Texts.TryGetValue(kind, out var t)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind.");
        return (Fill(t.TitleEn, args), Fill(t.TitleJa, args), Fill(t.BodyEn, args), Fill(t.BodyJa, args));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> args)
    {
        var text = template;
        foreach (var (key, value) in args) text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        // Placeholders without a value read as "—" rather than leaking braces.
        return System.Text.RegularExpressions.Regex.Replace(text, @"\{[a-zA-Z]+\}", "—").Trim();
    }
}
