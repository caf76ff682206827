using System.Text.Json;
using Gatekeeper.VisitingEnvironment.Results;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;
using Microsoft.Data.Analysis;

namespace Gatekeeper.Enclave.Tests;

/// <summary>The worker's engine run in the test process (no sandbox), with its first result read back.</summary>
public sealed record InProcessRun(WorkerManifest Manifest, DataFrame? Data, ShadowTable? Shadow)
{
    public static InProcessRun Of(WorkerSpec spec)
    {
        var manifest = new EnclaveEngine().Run(spec);
        if (manifest.Status != WorkerStatus.Succeeded || manifest.Tables.Count == 0) return new InProcessRun(manifest, null, null);
        var table = manifest.Tables[0];
        var data = ResultTableReader.Read(Path.Combine(spec.OutputFolder, table.ParquetFile));
        var shadow = table.ShadowFile is null
            ? null
            : JsonSerializer.Deserialize<ShadowTable>(File.ReadAllText(Path.Combine(spec.OutputFolder, table.ShadowFile)), WorkerJson.Options);
        return new InProcessRun(manifest, data, shadow);
    }
}
