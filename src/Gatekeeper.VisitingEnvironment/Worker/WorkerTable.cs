namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>A permit table as the worker sees it: Parquet parts at sandbox paths, the granted variables, whether it has persons.</summary>
/// <param name="Name">View name (the catalogue table name).</param>
/// <param name="Parts">Parquet files of the table's pinned version, as paths inside the sandbox.</param>
/// <param name="Variables">Granted variables in catalogue order: the view's columns.</param>
/// <param name="CatalogueVariables">All variables of the table, to name a refused one.</param>
/// <param name="HasUnit">Whether rows carry the unit column (then the view keeps only consenting persons).</param>
/// <param name="Version">The table version read (for the run record).</param>
/// <param name="PersonNumbers">Whether every part carries the dataset's person number (then the view joins the persons on it, not on the pseudonym).</param>
public sealed record WorkerTable(string Name, IReadOnlyList<string> Parts, IReadOnlyList<string> Variables, IReadOnlyList<string> CatalogueVariables, bool HasUnit, string Version, bool PersonNumbers = false);
