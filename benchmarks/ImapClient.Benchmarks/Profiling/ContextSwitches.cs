using System.Runtime.InteropServices;

namespace ImapClient.Benchmarks.Profiling;

/// <summary>
/// This process's context switches (all its threads, those that ended included: getrusage), voluntary (a thread
/// blocked: a hop between the reader loop and the caller costs one or two) and involuntary (preempted). Linux only.
/// </summary>
internal static class ContextSwitches
{
    /// <summary>Voluntary and involuntary switches so far; zeros where getrusage is not there.</summary>
    public static (long Voluntary, long Involuntary) Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        // struct rusage on 64-bit Linux: two timevals (4 longs), then 14 longs; ru_nvcsw and ru_nivcsw are the last two.
        var usage = new long[18];
        return getrusage(0, usage) == 0 ? (usage[16], usage[17]) : (0, 0);
    }

#pragma warning disable SYSLIB1054, CA5392, CA1401 // A profiling aid: one plain call, no marshalling to generate.
    [DllImport("libc", SetLastError = false)]
    private static extern int getrusage(int who, [Out] long[] usage);
#pragma warning restore SYSLIB1054, CA5392, CA1401
}
