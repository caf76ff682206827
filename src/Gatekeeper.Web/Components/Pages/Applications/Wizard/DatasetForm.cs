namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>A requested dataset and the variables chosen from it, in catalogue order.</summary>
public sealed class DatasetForm
{
    public string DatasetId { get; set; } = "";

    public List<VariableForm> Variables { get; set; } = [];
}
