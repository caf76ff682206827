using System.Globalization;
using Gatekeeper.Audit;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Pseudonymisation;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Consent;

/// <summary>
/// What data stewards do with the consent registry: see where it stands, look up a person's history by pseudonym, and
/// record a decision received outside a holder's file. Only data stewards may; every recorded decision is audited.
/// </summary>
public sealed class ConsentService(
    IDbContextFactory<GatekeeperDbContext> factory, EfConsentRegistry registry, PurposePolicy purposes, IKeyProvider keys, TimeProvider time)
{
    public const string NotFoundRule = "not-found";
    public const int RecentCount = 20;

    public async Task<DomainResult<ConsentOverview>> OverviewAsync(Actor actor, string datasetId, CancellationToken cancellationToken)
    {
        if (await CheckAsync(actor, datasetId, cancellationToken) is { } refused) return DomainResult<ConsentOverview>.Fail(refused);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var inForce = await EfConsentRegistry.LatestInForce(db, datasetId, JapanTime.ToLocal(now))
            .GroupBy(e => new { e.PurposeCode, e.Action })
            .Select(g => new { g.Key.PurposeCode, g.Key.Action, Persons = g.Select(e => e.Pseudonym).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var events = await db.ConsentEvents.CountAsync(e => e.DatasetId == datasetId, cancellationToken);
        var persons = await db.ConsentEvents.Where(e => e.DatasetId == datasetId).Select(e => e.Pseudonym).Distinct().CountAsync(cancellationToken);
        var recent = await db.ConsentEvents.AsNoTracking().Where(e => e.DatasetId == datasetId).OrderByDescending(e => e.Id).Take(RecentCount).ToListAsync(cancellationToken);
        var perPurpose = inForce.Where(x => x.PurposeCode.Length > 0)
            .GroupBy(x => x.PurposeCode)
            .Select(g => new PurposeConsentCount(g.Key,
                g.Where(x => x.Action == (int)ConsentAction.Refusal).Sum(x => x.Persons),
                g.Where(x => x.Action == (int)ConsentAction.Consent).Sum(x => x.Persons)))
            .OrderBy(p => purposes.Purposes.ToList().FindIndex(c => c.Code == p.PurposeCode))
            .ToList();
        return new ConsentOverview(datasetId, now,
            inForce.Where(x => x.PurposeCode.Length == 0 && x.Action == (int)ConsentAction.OptOut).Sum(x => x.Persons),
            persons, events, perPurpose, [.. recent.Select(ConsentEventView.From)]);
    }

    /// <summary>Every decision recorded for one pseudonym, oldest first.</summary>
    public async Task<DomainResult<IReadOnlyList<ConsentEventView>>> HistoryAsync(Actor actor, string datasetId, string? pseudonym, CancellationToken cancellationToken)
    {
        if (await CheckAsync(actor, datasetId, cancellationToken) is { } refused) return DomainResult<IReadOnlyList<ConsentEventView>>.Fail(refused);
        if (!IsPseudonym(pseudonym))
            return DomainResult<IReadOnlyList<ConsentEventView>>.Fail([ValidationError.Create("pseudonym", "format", "A pseudonym is 32 lower-case hexadecimal characters.")]);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConsentEvents.AsNoTracking().Where(e => e.DatasetId == datasetId && e.Pseudonym == pseudonym).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return DomainResult<IReadOnlyList<ConsentEventView>>.Ok([.. rows.Select(ConsentEventView.From)]);
    }

    /// <summary>Records one decision (audited as consent.changed, without the person's identifier or pseudonym).</summary>
    public async Task<DomainResult<ConsentEventView>> RecordAsync(Actor actor, string datasetId, NewConsentEvent input, CancellationToken cancellationToken)
    {
        if (await CheckAsync(actor, datasetId, cancellationToken) is { } refused) return DomainResult<ConsentEventView>.Fail(refused);
        var errors = Validate(input);
        if (errors.Count > 0) return DomainResult<ConsentEventView>.Fail(errors);

        var pseudonym = input.Pseudonym;
        if (!string.IsNullOrWhiteSpace(input.ParticipantId))
            pseudonym = (await Pseudonymiser.CreateAsync(keys, datasetId, cancellationToken)).Person(input.ParticipantId.Trim());
        var now = time.GetUtcNow();
        var action = input.Action!.Value;
        var e = new ConsentEvent
        {
            Pseudonym = pseudonym!,
            Action = action,
            PurposeCode = action is ConsentAction.Consent or ConsentAction.Refusal ? input.PurposeCode!.Trim() : null,
            EffectiveFrom = input.EffectiveFrom!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
            // Milliseconds, like the format's update_time, so the same call retried is the same decision.
            UpdateTime = TruncateToMilliseconds(JapanTime.ToLocal(now)),
            Source = "api:" + actor.UserId,
        };
        var who = new AuditActor(actor.UserId, Roles.DataSteward, actor.OrganisationId, actor.ClientAddress);
        var sourceId = "api-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var added = await registry.AddAsync(datasetId, [e], who, sourceId, e, cancellationToken);
        if (added == 0)
            return DomainResult<ConsentEventView>.Fail([ValidationError.Create("event", "duplicate", "This decision is already recorded.")]);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ConsentEvents.AsNoTracking()
            .Where(r => r.DatasetId == datasetId && r.Pseudonym == e.Pseudonym && r.Action == (int)e.Action && r.UpdateTime == e.UpdateTime && r.EffectiveFrom == e.EffectiveFrom)
            .OrderByDescending(r => r.Id).FirstAsync(cancellationToken);
        return ConsentEventView.From(row);
    }

    public static bool IsPseudonym(string? value) =>
        value is { Length: Pseudonymiser.PseudonymBytes * 2 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private List<ValidationError> Validate(NewConsentEvent input)
    {
        var errors = new List<ValidationError>();
        var byId = !string.IsNullOrWhiteSpace(input.ParticipantId);
        var byPseudonym = !string.IsNullOrWhiteSpace(input.Pseudonym);
        if (byId == byPseudonym)
            errors.Add(ValidationError.Create("participantId", "one-of", "Name the person by participant ID or by pseudonym (exactly one)."));
        else if (byId && input.ParticipantId!.Trim().Length > 50)
            errors.Add(ValidationError.Create("participantId", "length", "A participant ID has at most 50 characters.", ("max", 50)));
        else if (byPseudonym && !IsPseudonym(input.Pseudonym))
            errors.Add(ValidationError.Create("pseudonym", "format", "A pseudonym is 32 lower-case hexadecimal characters."));

        if (input.Action is not { } action || !Enum.IsDefined(action))
        {
            errors.Add(ValidationError.Create("action", "required", "Choose the decision: OptOut, OptOutWithdrawn, Consent or Refusal."));
        }
        else if (action is ConsentAction.Consent or ConsentAction.Refusal)
        {
            if (string.IsNullOrWhiteSpace(input.PurposeCode))
                errors.Add(ValidationError.Create("purposeCode", "required", "A consent or refusal names its purpose."));
            else if (purposes.FindPurpose(input.PurposeCode.Trim()) is null)
                errors.Add(ValidationError.Create("purposeCode", "purpose", $"'{input.PurposeCode}' is not a purpose code of the purpose policy.", ("value", input.PurposeCode)));
        }
        else if (!string.IsNullOrWhiteSpace(input.PurposeCode))
        {
            errors.Add(ValidationError.Create("purposeCode", "purpose", "An opt-out and its withdrawal apply to all use: leave the purpose empty."));
        }

        if (input.EffectiveFrom is not { } from)
            errors.Add(ValidationError.Create("effectiveFrom", "required", "Give the date the decision takes effect."));
        else if (from.Year is < 1900 or > 2099)
            errors.Add(ValidationError.Create("effectiveFrom", "range", "The effective date must lie between 1900 and 2099."));
        return errors;
    }

    private async Task<List<ValidationError>?> CheckAsync(Actor actor, string datasetId, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.DataSteward))
            return [ValidationError.Create("actor", "role-required", "Only data stewards manage the consent registry.", ("role", Roles.DataSteward))];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Datasets.AnyAsync(d => d.Id == datasetId, cancellationToken))
            return [ValidationError.Create("datasetId", NotFoundRule, $"Dataset '{datasetId}' is not in the catalogue.")];
        return null;
    }

    private static DateTime TruncateToMilliseconds(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified);
}
