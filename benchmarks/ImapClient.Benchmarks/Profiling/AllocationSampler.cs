using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ImapClient.Benchmarks.Profiling;

/// <summary>
/// Counts the runtime's allocation-tick events (one per ~100 KB allocated, naming the type that crossed the mark) by
/// type while enabled: over a long loop the counts are proportional to the bytes each type takes, which shows where a
/// steady state allocates without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (index < 0 || amountIndex < 0)
        {
            return;
        }

        var type = eventData.Payload[index] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    /// <summary>The estimated bytes per item for the types that took the most, largest first.</summary>
    public void Report(long items, int top = 25)
    {
        var total = _bytesByType.Values.Sum();
        Console.WriteLine($"allocation samples by type (estimated bytes per item; {total / (double)items:F0} B per item sampled):");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"  {bytes / (double)items,8:F1}  {type}");
        }
    }
}
