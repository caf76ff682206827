using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;

namespace Gatekeeper.Data.Seeding;

/// <summary>Demo organisations and people for every role (embedded default only; never in Production).</summary>
public static class DemoDirectory
{
    public static IReadOnlyList<Organisation> Organisations { get; } =
    [
        new() { Id = "univ-tokyo-hosp", Name = "Tokyo University Hospital Research Office", NameJa = "東京大学医学部附属病院 臨床研究推進センター" },
        new() { Id = "kenko-ventures", Name = "Kenko Ventures Inc.", NameJa = "ケンコーベンチャーズ株式会社" },
        new() { Id = "medinfra-certified", Name = "MedInfra Certified Operator Co.", NameJa = "メドインフラ認定事業者株式会社", IsCertifiedOperator = true },
        new() { Id = "gatekeeper-body", Name = "Health Data Access Body", NameJa = "医療データアクセス機関" },
        new() { Id = "elsi-board", Name = "Independent ELSI Review Board", NameJa = "独立ELSI審査委員会" },
    ];

    public static IReadOnlyList<UserProfile> Users { get; } =
    [
        U("researcher-sato", "佐藤 花子 (Hanako Sato)", "sato@u-tokyo-hosp.example", "univ-tokyo-hosp", Roles.Researcher),
        U("researcher-tanaka", "田中 一郎 (Ichiro Tanaka)", "tanaka@kenko-ventures.example", "kenko-ventures", Roles.Researcher),
        U("researcher-suzuki", "鈴木 次郎 (Jiro Suzuki)", "suzuki@medinfra.example", "medinfra-certified", Roles.Researcher),
        U("steward-ito", "伊藤 美咲 (Misaki Ito)", "ito@hdab.example", "gatekeeper-body", Roles.DataSteward),
        U("reviewer-watanabe", "渡辺 健 (Ken Watanabe)", "watanabe@elsi-board.example", "elsi-board", Roles.ElsiReviewer),
        U("reviewer-yamamoto", "山本 由美 (Yumi Yamamoto)", "yamamoto@elsi-board.example", "elsi-board", Roles.ElsiReviewer),
        U("chair-nakamura", "中村 正 (Tadashi Nakamura)", "nakamura@elsi-board.example", "elsi-board", Roles.ElsiChair),
        U("checker-kobayashi", "小林 優 (Yu Kobayashi)", "kobayashi@hdab.example", "gatekeeper-body", Roles.OutputChecker),
        U("checker-kato", "加藤 愛 (Ai Kato)", "kato@hdab.example", "gatekeeper-body", Roles.OutputChecker),
        U("operator-yoshida", "吉田 誠 (Makoto Yoshida)", "yoshida@hdab.example", "gatekeeper-body", Roles.CertifiedOperator),
        U("admin-yamada", "山田 太郎 (Taro Yamada)", "yamada@hdab.example", "gatekeeper-body", Roles.Admin),
    ];

    private static UserProfile U(string id, string name, string email, string org, params string[] roles) =>
        new() { Id = id, DisplayName = name, Email = email, OrganisationId = org, Roles = [.. roles] };
}
