using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Properties that hold for any input, checked on generated content.</summary>
public sealed class ApplicationProperties
{
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Choose('a', 'z').Select(i => (char)i)),
        (2, Gen.Elements(' ', '\n', '.', ',', '-', '1', '7')),
        (2, Gen.Choose('ぁ', 'ゖ').Select(i => (char)i)),
        (1, Gen.Choose('一', '龥').Select(i => (char)i)));

    private static Gen<string> TextUpTo(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(AnyChar, n)).Select(chars => new string(chars));

    [Property(MaxTest = 200)]
    public Property Any_content_within_the_limits_saves_as_a_draft()
    {
        var gen =
            from fieldValues in Gen.CollectToList(ContentFields.All, f => TextUpTo(f.MaxLength))
            from tier in Gen.Elements<OutputTier?>(null, OutputTier.AggregateStatistics, OutputTier.AnonymisedMicrodata, OutputTier.PseudonymisedMicrodata)
            select (fieldValues, tier);

        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var content = Drafts.Complete() with { RequestedTier = input.tier };
            for (var i = 0; i < ContentFields.All.Count; i++)
                content = ContentFields.All[i].Set(content, input.fieldValues[i]);

            var result = SecondaryUseApplication.StartDraft(TestActors.Sato, "GK-2026-PROP01", content, World.Now);

            return result.Succeeded
                   && result.Value!.Title == content.Title.Trim()
                   && result.Value.LaySummary == content.LaySummary.Trim()
                   && result.Value.Status == ApplicationStatus.Draft;
        });
    }

    [Property(MaxTest = 200)]
    public Property Any_text_over_a_limit_is_refused_with_max_length_naming_the_field()
    {
        var gen =
            from field in Gen.Elements(ContentFields.All.ToArray())
            from excess in Gen.Choose(1, 300)
            from filler in AnyChar
            select (field, text: new string(filler, field.MaxLength + excess));

        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var draft = Drafts.Start();
            var before = draft.ConcurrencyStamp;
            var content = input.field.Set(Drafts.Complete(), input.text);

            var result = draft.UpdateDraft(TestActors.Sato, content, before, World.Now);

            return !result.Succeeded
                   && result.Errors.Any(e => e.Field == input.field.Path && e.Rule == "max-length"
                                             && e.Args["max"] == input.field.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture))
                   && draft.ConcurrencyStamp == before;
        });
    }

    [Property(MaxTest = 300)]
    public Property A_prohibited_phrase_anywhere_in_the_purpose_is_refused_whatever_surrounds_it()
    {
        var phrases = World.Policy.ProhibitedUses.SelectMany(u => u.Phrases.Select(p => (use: u.Code, phrase: p))).ToArray();
        var gen =
            from hit in Gen.Elements(phrases)
            from before in TextUpTo(80)
            from after in TextUpTo(80)
            from upper in Gen.Elements(true, false)
            select (hit.use, text: before + (upper ? hit.phrase.ToUpperInvariant() : hit.phrase) + after);

        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var errors = Drafts.CheckSubmission(Drafts.Complete() with { PurposeDescription = input.text });
            return errors.Any(e => e.Field == "purposeDescription" && e.Rule == "prohibited-use");
        });
    }

    [Property(MaxTest = 200)]
    public Property Any_forward_period_within_the_policy_maximum_that_ends_in_the_future_is_accepted()
    {
        var gen =
            from startOffset in Gen.Choose(-365, 365)
            from lengthDays in Gen.Choose(1, 1800)
            let start = World.Today.AddDays(startOffset)
            let end = start.AddDays(lengthDays)
            where end > World.Today && end <= start.AddMonths(World.Policy.MaxPeriodMonths)
            select (start, end);

        return Prop.ForAll(gen.ToArbitrary(), p =>
            Drafts.CheckSubmission(Drafts.Complete() with { PeriodStart = p.start, PeriodEnd = p.end }).Count == 0);
    }

    [Property]
    public Property Any_stamp_but_the_current_one_is_refused_as_a_stale_edit(Guid stamp)
    {
        var draft = Drafts.Start();
        var title = draft.Title;

        var result = draft.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = "Overwritten" }, stamp, World.Now);

        return (!result.Succeeded && result.Errors.Single().Rule == "stale-edit" && draft.Title == title)
            .When(stamp != draft.ConcurrencyStamp);
    }
}
