using BenchmarkDotNet.Running;
using ImapClient.Benchmarks.Idle;
using ImapClient.Benchmarks.Memory;
using ImapClient.Benchmarks.Profiling;
using ImapClient.Benchmarks.Quick;
using ImapClient.Benchmarks.Replay;
using ImapClient.Benchmarks.Speed;

// Entry point of the benchmark suite.
//   memory            peak memory for a large upload and download, ours against MailKit, each scenario in a fresh process
//   idle              N connections in IDLE: memory and threads per connection, time until all are told of a new message
//   capture           regenerates the recorded responses under benchmarks/data/
//   --quick           every speed workload once at small size, results checked; non-zero exit on any failure
//   loop              repeats one workload for a profiler to watch
//   anything else     BenchmarkDotNet's switcher, e.g. --filter '*' for the whole speed suite, --list flat
return args switch
{
    ["memory", .. var rest] => await MemoryBenchmark.RunAsync(rest),
    ["memory-scenario", .. var rest] => await MemoryScenario.RunAsync(rest),
    ["idle", .. var rest] => await IdleBenchmark.RunAsync(rest),
    ["idle-scenario", .. var rest] => await IdleScenario.RunAsync(rest),
    ["capture"] => await CaptureTool.RunAsync(),
    ["--quick"] => await QuickRun.RunAsync(),
    ["loop", .. var rest] => await LoopRun.RunAsync(rest),
    [] => Usage(),
    _ => Run(args),
};

static int Run(string[] args)
{
    // One table for the whole run: every category keeps its own MailKit baseline.
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
        .Run(args, BenchConfig.Switcher);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project benchmarks/ImapClient.Benchmarks -- <mode>
          --filter '*'        the speed suite (BenchmarkDotNet; any of its options, e.g. --list flat, --filter '*Parse*')
          --quick             every speed workload once at small size, results checked (a few seconds)
          capture             regenerate benchmarks/data/ from a private Dovecot
          loop <workload> [s] repeat one workload for a profiler (parse-ours, parse-mailkit, noop-ours, headers-ours, headers-mailkit)
          memory [--size-mb N] peak memory for a large upload and download
          idle [--connections N] [--library ours|mailkit|both]
                              N connections in IDLE: heap, working set and threads per connection; time until all are told of a new message
        """);
    return 2;
}
