using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ImapClient.Benchmarks.Speed;

/// <summary>
/// Modest settings for a 2-core machine: one launch, 3 warmups, 5 measured iterations; allocations measured; one
/// baseline (MailKit) per category, so the Ratio column reads "ours / MailKit". BenchmarkDotNet builds each benchmark
/// project before it runs anything; its default limit of 2 minutes was reached on a busy 2-core machine (the run then
/// printed NA everywhere), so the build gets <see cref="SlowBuildTimeout"/>.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>How long BenchmarkDotNet waits for the generated benchmark project to build before it gives up.</summary>
    public static readonly TimeSpan SlowBuildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Allocations in KB whatever the smallest value in the table (the raw-socket row allocates almost nothing).</summary>
    public static SummaryStyle Style { get; } = SummaryStyle.Default.WithSizeUnit(Perfolizer.Metrology.SizeUnit.KB);

    /// <summary>The run's own config, which BenchmarkDotNet merges with each class's <see cref="BenchConfig"/>: one table for the whole run.</summary>
    public static IConfig Switcher { get; } = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary).WithSummaryStyle(Style)
        .WithBuildTimeout(SlowBuildTimeout);

    public BenchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithId("3w5i"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(CategoriesColumn.Default);
        AddColumn(new WorkloadColumn(WorkloadColumn.Kind.Items), new WorkloadColumn(WorkloadColumn.Kind.ItemsPerSecond),
            new WorkloadColumn(WorkloadColumn.Kind.MegabytesPerSecond), new WorkloadColumn(WorkloadColumn.Kind.AllocatedPerItem));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
        HideColumns(Column.Error, Column.StdDev, Column.RatioSD, Column.Gen0, Column.Gen1, Column.Gen2);
        WithSummaryStyle(Style);
        WithBuildTimeout(SlowBuildTimeout);
    }
}

/// <summary>How much work one invocation of a benchmark does: items (messages, mailboxes, UIDs, commands) and bytes.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkloadAttribute(int items, string unit, Payload payload = Payload.None) : Attribute
{
    public int Items { get; } = items;

    public string Unit { get; } = unit;

    public Payload Payload { get; } = payload;
}

/// <summary>The response a workload reads, for the MB/s column.</summary>
public enum Payload
{
    None,

    /// <summary>The recorded summaries FETCH (exact for the replay; the server sends the same bytes for the same corpus).</summary>
    FetchSummaries,

    /// <summary>The recorded LIST.</summary>
    List,

    /// <summary>The synthetic SEARCH.</summary>
    Search,

    /// <summary>The header sections of the corpus (section bytes only, without FETCH framing).</summary>
    Headers,

    /// <summary>The ~100 KB messages (message bytes only).</summary>
    Large,
}

/// <summary>Throughput and allocation per item, computed from the mean time and MemoryDiagnoser's bytes per operation.</summary>
public sealed class WorkloadColumn(WorkloadColumn.Kind kind) : IColumn
{
    public enum Kind
    {
        Items,
        ItemsPerSecond,
        MegabytesPerSecond,
        AllocatedPerItem,
    }

    public string Id => $"{nameof(WorkloadColumn)}.{kind}";

    public string ColumnName => kind switch
    {
        Kind.Items => "Items",
        Kind.ItemsPerSecond => "Items/s",
        Kind.MegabytesPerSecond => "MB/s",
        _ => "Alloc/item",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)kind;

    public bool IsNumeric => kind != Kind.Items;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => kind switch
    {
        Kind.Items => "Messages, mailboxes, UIDs or commands handled by one operation",
        Kind.ItemsPerSecond => "Items per second (Items / Mean)",
        Kind.MegabytesPerSecond => "Response bytes per second, 1 MB = 10^6 bytes (server workloads: payload bytes without IMAP framing)",
        _ => "Allocated bytes per item (Allocated / Items)",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var workload = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkloadAttribute>();
        var report = summary[benchmarkCase];
        if (workload is null)
        {
            return "-";
        }

        if (kind == Kind.Items)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{workload.Items:N0} {workload.Unit}");
        }

        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        var seconds = statistics.Mean / 1e9;
        switch (kind)
        {
            case Kind.ItemsPerSecond:
                return (workload.Items / seconds).ToString("N0", CultureInfo.InvariantCulture);
            case Kind.MegabytesPerSecond:
                var bytes = PayloadSizes.Bytes(workload.Payload);
                return bytes > 0 ? (bytes / seconds / 1e6).ToString("N1", CultureInfo.InvariantCulture) : "-";
            default:
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
                return allocated is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a / (double)workload.Items:N0} B") : "-";
        }
    }
}
