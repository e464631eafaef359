using ImapClient.Benchmarks.Memory;

// Entry point of the benchmark suite. "memory" measures peak memory for a large upload and download, ours against
// MailKit, each scenario in a fresh process so one cannot inherit another's heap.
return args switch
{
    ["memory", .. var rest] => await MemoryBenchmark.RunAsync(rest),
    ["memory-scenario", .. var rest] => await MemoryScenario.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/ImapClient.Benchmarks -- memory [--size-mb N]");
    return 2;
}
