using System.Diagnostics;
using System.Runtime.InteropServices;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave;

/// <summary>
/// A warm worker's own resource limits, lowered (soft and hard, so they cannot be raised again) to the run's values
/// before any of the run's data is read: address space, CPU time from now, and file size.
/// </summary>
internal static partial class KernelLimits
{
    private const int Cpu = 0;
    private const int FileSize = 1;
    private const int AddressSpace = 9;

    public static void Apply(WorkerLimits limits)
    {
        if (!OperatingSystem.IsLinux()) return;
        if (limits.AddressSpaceBytes is { } bytes) Set(AddressSpace, (ulong)bytes, (ulong)bytes);
        if (limits.FileSizeBytes is { } size) Set(FileSize, (ulong)size, (ulong)size);
        if (limits.CpuSeconds is { } seconds)
        {
            var used = (ulong)Math.Ceiling(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
            Set(Cpu, used + (ulong)seconds, used + (ulong)seconds + 5);
        }
    }

    private static void Set(int resource, ulong soft, ulong hard)
    {
        var limit = new RLimit { Current = soft, Maximum = hard };
        if (SetRLimit(resource, ref limit) != 0)
            throw new InvalidOperationException($"setrlimit({resource}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, ref RLimit limit);
}
