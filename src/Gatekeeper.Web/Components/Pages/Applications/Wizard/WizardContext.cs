using Gatekeeper.Data.Catalogue;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Web.Components.Shared;

namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>
/// What every wizard step needs: the form, the catalogue, policy and organisation it is checked against,
/// and the validation that the server will apply at submission — run here on every change, so a field
/// shows exactly the message the store would give.
/// </summary>
public sealed class WizardContext(
    ApplicationForm form,
    IReadOnlyList<Dataset> catalogue,
    PurposePolicy policy,
    Organisation organisation,
    DateOnly today,
    ValidationMessages messages,
    Func<Task> changed)
{
    private readonly CatalogueSnapshot _snapshot = new(catalogue);
    private readonly HashSet<WizardStep> _revealed = [];
    private readonly HashSet<WizardStep> _visited = [WizardStep.Overview];

    public ApplicationForm Form { get; } = form;

    public IReadOnlyList<Dataset> Catalogue { get; } = catalogue;

    public PurposePolicy Policy { get; } = policy;

    public Organisation Organisation { get; } = organisation;

    public ValidationMessages Messages { get; } = messages;

    public IReadOnlyList<ApplicationAttachment> Attachments { get; set; } = [];

    /// <summary>True when edits can no longer be saved (changed elsewhere, or being submitted).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Every problem that would stop submission now.</summary>
    public IReadOnlyList<ValidationError> Validate() =>
        ApplicationRules.ValidateForSubmission(Form.ToContent(), _snapshot, Policy, Organisation, Attachments, today);

    public IReadOnlyList<ValidationError> ErrorsOf(WizardStep step) =>
        Validate().Where(e => WizardSteps.Of(e.Field) == step).ToList();

    /// <summary>Localised messages for one field path, e.g. <c>team[0].email</c>.</summary>
    public IReadOnlyList<string> MessagesFor(string field) =>
        Validate().Where(e => e.Field == field).Select(Messages.Message).ToList();

    /// <summary>Errors of fields that have no input of their own (lists, declarations), shown once the step was checked.</summary>
    public IReadOnlyList<string> RevealedMessages(WizardStep step, Func<string, bool> field) =>
        IsRevealed(step) ? Validate().Where(e => field(e.Field)).Select(Messages.Message).ToList() : [];

    /// <summary>A MudForm validation function backed by the submission rules.</summary>
    public Func<T, IEnumerable<string>> Rule<T>(string field) => _ => MessagesFor(field);

    public bool IsRevealed(WizardStep step) => _revealed.Contains(step);

    public void Reveal(WizardStep step) => _revealed.Add(step);

    public bool IsVisited(WizardStep step) => _visited.Contains(step);

    public void Visit(WizardStep step) => _visited.Add(step);

    public Task ChangedAsync() => changed();

    public Dataset? FindDataset(string id) => _snapshot.Find(id);
}
